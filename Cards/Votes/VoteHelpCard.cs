using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>The answer to a <c>vote</c> command the bot could not read: what was wrong, the syntax, the settings and examples.</summary>
public static partial class VoteHelpCard
{
    public static AdaptiveCard Build(VoteHelpCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement> { CardBlocks.Heading(Heading.For(language), TextSize.Medium) };
        if (!string.IsNullOrWhiteSpace(model.Problem))
        {
            body.Add(VoteCardParts.Attention(model.Problem));
        }

        body.Add(CardBlocks.Command(Syntax.For(language), CardSpacing.Medium));
        body.Add(CardBlocks.Paragraph(Options.For(language)));
        body.Add(Title(SettingsTitle.For(language)));
        foreach (var setting in new[] { TopSetting.For(language), PointsSetting.For(language), HiddenSetting.Format(language, LowerFirst(VoteCardParts.HiddenUntilClose.For(language))), PublicSetting.Format(language, VoteCardParts.Number(model.MinimumBallots)) })
        {
            body.Add(new TextBlock { Text = "• " + setting, Spacing = CardSpacing.Small });
        }

        body.Add(Title(ExamplesTitle.For(language)));
        foreach (var example in new[] { SingleExample, TopExample, PointsExample })
        {
            body.Add(CardBlocks.Command(example.For(language), CardSpacing.Small));
        }

        body.Add(Title(OtherCommandsTitle.For(language)));
        body.Add(CardBlocks.Command(LeversCommand.For(language), CardSpacing.Small));
        body.Add(new TextBlock { Text = LeversText.For(language), Spacing = CardSpacing.None, IsSubtle = true });
        body.Add(CardBlocks.Command(CloseCommand.For(language), CardSpacing.Small));
        body.Add(new TextBlock { Text = CloseText.For(language), Spacing = CardSpacing.None, IsSubtle = true });

        return new AdaptiveCard { FallbackText = Heading.For(language), Body = body };
    }

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static TextBlock Title(string text) =>
        new() { Text = text, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium };
}
