using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>The answer to a <c>vote</c> command the bot could not read: what was wrong, the syntax, the settings and examples.</summary>
public static class VoteHelpCard
{
    public static readonly Localized Heading = new("Lancer un vote", "Starting a vote");
    private static readonly Localized Syntax = new("vote question : option ; option ; …", "vote question: option; option; …");
    private static readonly Localized Options = new(
        "Entre 2 et 12 options, séparées par « ; ». Chacun vote une fois (voter à nouveau remplace son vote) et les votes sont anonymes.",
        "From 2 to 12 options, separated by \";\". Everyone votes once (voting again replaces their vote) and votes are anonymous.");
    private static readonly Localized SettingsTitle = new("Réglages, avant la question", "Settings, before the question");
    private static readonly Localized TopSetting = new("top N : jusqu'à N choix par personne", "top N: up to N choices each");
    private static readonly Localized PointsSetting = new("points N : N points à répartir (3 par défaut)", "points N: N points to spread (3 by default)");
    private static readonly Localized HiddenSetting = new("résultats cachés : {0}, seule la participation s'affiche", "hidden results: {0}, only participation shows");
    private static readonly Localized PublicSetting = new(
        "résultats publics : les totaux s'affichent dès le premier vote ; sans ce réglage, à partir de {0} votes",
        "public results: totals show from the first vote; without this setting, from {0} votes");
    private static readonly Localized ExamplesTitle = new("Par exemple :", "For example:");
    private static readonly Localized SingleExample = new(
        "vote Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes",
        "vote Our priorities: Housing; Transport; Youth jobs");
    private static readonly Localized TopExample = new(
        "vote top 2 Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes",
        "vote top 2 Our priorities: Housing; Transport; Youth jobs");
    private static readonly Localized PointsExample = new(
        "vote points 5 résultats cachés Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes",
        "vote points 5 hidden results Our priorities: Housing; Transport; Youth jobs");
    private static readonly Localized OtherCommandsTitle = new("Aussi :", "Also:");
    private static readonly Localized LeversCommand = new("vote leviers", "vote levers");
    private static readonly Localized LeversText = new("vote sur les leviers du dernier pulse clos", "votes on the levers of the last closed pulse");
    private static readonly Localized CloseCommand = new("vote clore", "vote close");
    private static readonly Localized CloseText = new("ferme le vote et publie les résultats", "closes the vote and posts the results");

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
