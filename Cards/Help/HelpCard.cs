using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>What the help card lists: commands grouped by who may use them.</summary>
public sealed record HelpCardModel
{
    public required Language Language { get; init; }

    /// <summary>True in a channel or group chat, where the bot must be @mentioned.</summary>
    public bool IsGroupConversation { get; init; }

    public IReadOnlyList<CommandHelp> ForEveryone { get; init; } = [];

    public IReadOnlyList<CommandHelp> ForCoordinators { get; init; } = [];

    /// <summary>Commands of the product that this version does not answer yet.</summary>
    public IReadOnlyList<CommandHelp> ComingSoon { get; init; } = [];

    /// <summary>k, said in the card's sentence on the small-group rule.</summary>
    public int MinimumGroupSize { get; init; } = 3;
}

/// <summary>One command line of the help card, already in the card's language.</summary>
public sealed record CommandHelp(string Syntax, string Description);

public static partial class HelpCard
{
    public static AdaptiveCard Build(HelpCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement>
        {
            CardBlocks.Heading(Heading.For(language)),
            CardBlocks.Paragraph(Intro.For(language)),
        };

        AddSection(body, EveryoneTitle.For(language), model.ForEveryone, subtle: false);
        AddSection(body, CoordinatorsTitle.For(language), model.ForCoordinators, subtle: false);
        AddSection(body, ComingSoonTitle.For(language), model.ComingSoon, subtle: true);
        body.Add(new TextBlock { Text = SmallGroupSentence(language, model.MinimumGroupSize), Spacing = CardSpacing.Medium, Size = TextSize.Small });

        body.Add(new TextBlock
        {
            Text = (model.IsGroupConversation ? MentionHint : PersonalHint).For(language),
            IsSubtle = true,
            Size = TextSize.Small,
            Separator = true,
            Spacing = CardSpacing.Medium,
        });

        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
        };
    }

    /// <summary>"Petits groupes : sous 3 réponses ou 3 votes, je n'affiche que la participation…"</summary>
    public static string SmallGroupSentence(Language language, int minimumGroupSize) =>
        SmallGroupRule.Format(language, minimumGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void AddSection(List<CardElement> body, string title, IReadOnlyList<CommandHelp> commands, bool subtle)
    {
        if (commands.Count == 0)
        {
            return;
        }

        body.Add(new TextBlock { Text = title, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium, IsSubtle = subtle });
        body.Add(new FactSet
        {
            Spacing = CardSpacing.Small,
            Facts = [.. commands.Select(c => new Fact(c.Syntax, c.Description))],
        });
    }
}
