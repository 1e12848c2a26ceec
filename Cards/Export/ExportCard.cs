using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Export;

/// <summary>What the export card says: what the compte-rendu holds and the two signed download links.</summary>
public sealed record ExportCardModel
{
    public required Language Language { get; init; }

    /// <summary>The table's or conversation's name (user data, shown as typed).</summary>
    public required string Title { get; init; }

    /// <summary>The rencontre the compte-rendu is of; null when the pulse belongs to none.</summary>
    public ExportCardRencontre? Rencontre { get; init; }

    /// <summary>The pulse's period, already formatted ("Du 3 novembre 2026 au 10 novembre 2026"); null when no pulse is included.</summary>
    public string? PulsePeriod { get; init; }

    /// <summary>Answers of the included pulse.</summary>
    public int AnswerCount { get; init; }

    /// <summary>Votes included.</summary>
    public int VoteCount { get; init; }

    public required Uri MarkdownUrl { get; init; }

    public required Uri CsvUrl { get; init; }

    /// <summary>When the links expire, already formatted ("mardi 11 novembre 2026 à 17 h 00 (UTC)").</summary>
    public required string ExpiresText { get; init; }
}

/// <summary>A rencontre as the export card names it: its date already formatted ("14 septembre 2026"), its thématique (user data, shown as typed).</summary>
public sealed record ExportCardRencontre(string Date, string Theme);

/// <summary>"Compte-rendu prêt": what is included, "Télécharger (Markdown)" / "Télécharger (CSV)", and how long the links last.</summary>
public static partial class ExportCard
{
    public static AdaptiveCard Build(ExportCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var pulse = model.PulsePeriod is { } period
            ? period + " · " + Plural(model.AnswerCount, Answer, Answers, language)
            : NoPulse.For(language);
        var votes = model.VoteCount == 0 ? NoVote.For(language) : Plural(model.VoteCount, Vote, Votes, language);
        var body = new List<CardElement>
        {
            CardBlocks.Heading(Heading.For(language)),
            new RichTextBlock { Spacing = CardSpacing.None, Inlines = [new TextRun { Text = model.Title, IsSubtle = true, Weight = TextWeight.Bolder }] },
        };
        if (model.Rencontre is { } rencontre)
        {
            // Shown as typed (a text run reads no Markdown), as the rencontre's own cards show it.
            body.Add(CardBlocks.PlainText(RencontreLine.Format(language, rencontre.Date, rencontre.Theme)));
        }

        body.AddRange(
        [
            CardBlocks.Paragraph(Includes.For(language)),
            new FactSet
            {
                Spacing = CardSpacing.Small,
                Facts =
                [
                    new Fact(PulseFact.For(language), pulse),
                    new Fact(VotesFact.For(language), votes),
                ],
            },
            new TextBlock { Text = CsvNote.For(language), IsSubtle = true, Size = TextSize.Small },
            new TextBlock
            {
                Text = Validity.Format(language, model.ExpiresText),
                IsSubtle = true,
                Size = TextSize.Small,
                Spacing = CardSpacing.Small,
            },
        ]);
        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
            Actions =
            [
                new OpenUrlAction { Title = DownloadMarkdown.For(language), Url = model.MarkdownUrl },
                new OpenUrlAction { Title = DownloadCsv.For(language), Url = model.CsvUrl },
            ],
        };
    }

    private static string Plural(int count, Localized singular, Localized plural, Language language)
    {
        var one = language == Language.English ? count == 1 : count is 0 or 1;
        return count.ToString(CultureInfo.InvariantCulture) + " " + (one ? singular : plural).For(language);
    }
}
