using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Rencontres;

/// <summary>
/// A rencontre as its cards show it. <see cref="Date"/> is already written out in <see cref="Language"/>
/// ("14 septembre 2026", "September 14, 2026"); <see cref="Theme"/> and <see cref="Intention"/> are the coordinator's
/// text, shown as typed (never read as Markdown).
/// </summary>
public sealed record RencontreCardModel
{
    public required Language Language { get; init; }
    public required string Date { get; init; }
    public required string Theme { get; init; }
    public string? Intention { get; init; }

    /// <summary>Pulses and votes that belong to the rencontre; null when the card does not count them.</summary>
    public int? PulseCount { get; init; }

    public int? VoteCount { get; init; }
}

/// <summary>Why a <c>rencontre</c> command was not understood, as the help card says it.</summary>
public enum RencontreHelpReason
{
    /// <summary>The date part was not a date.</summary>
    BadDate,

    /// <summary>No <c>:</c> or no thématique.</summary>
    NoTheme,

    /// <summary><c>rencontre intention</c> without text.</summary>
    NoIntention,
}

/// <summary>The cards of the <c>rencontre</c> / <c>meeting</c> commands, in the rencontre's words.</summary>
public static partial class RencontreCards
{
    /// <summary>
    /// Posted in the conversation when a rencontre opens: "Rencontre du 14 septembre 2026", "Thématique : Mobilité".
    /// <paramref name="replacedDate"/> is the written date of the rencontre it replaces as current, if any.
    /// </summary>
    public static AdaptiveCard Opened(RencontreCardModel model, string? replacedDate = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var title = Title.Format(language, model.Date);
        var body = new List<CardElement>
        {
            CardBlocks.Heading(title),
            CardBlocks.PlainText(ThemeLine.Format(language, model.Theme), weight: TextWeight.Bolder),
            CardBlocks.Paragraph(BelongsFromNow.For(language)),
        };
        if (replacedDate is not null)
        {
            body.Add(new TextBlock { Text = Replaces.Format(language, replacedDate), Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Small });
        }

        body.Add(new TextBlock { Text = IntentionHint.For(language), Spacing = CardSpacing.Medium });
        body.Add(CardBlocks.Command(IntentionExample.For(language)));
        return new AdaptiveCard { FallbackText = title, Body = body };
    }

    /// <summary><c>rencontre</c> alone: the current rencontre, its intention and how many pulses and votes belong to it.</summary>
    public static AdaptiveCard Current(RencontreCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var title = Title.Format(language, model.Date);
        var body = new List<CardElement>
        {
            CardBlocks.Heading(title, TextSize.Medium),
            CardBlocks.PlainText(ThemeLine.Format(language, model.Theme), weight: TextWeight.Bolder),
            model.Intention is { } intention
                ? IntentionBlock(language, intention)
                : new TextBlock { Text = NoIntentionYet.For(language), IsSubtle = true, Spacing = CardSpacing.Small },
        };
        if (model.PulseCount is { } pulses && model.VoteCount is { } votes)
        {
            body.Add(new TextBlock
            {
                Text = Counts.Format(language, pulses.ToString(CultureInfo.InvariantCulture), votes.ToString(CultureInfo.InvariantCulture)),
                Spacing = CardSpacing.Medium,
            });
        }

        return new AdaptiveCard { FallbackText = title, Body = body };
    }

    /// <summary>Posted when a coordinator sets the intention: the rencontre and its intention as written.</summary>
    public static AdaptiveCard IntentionSet(RencontreCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Intention);
        var language = model.Language;
        var heading = IntentionSetHeading.Format(language, model.Date);
        return CardBlocks.Notice(
            heading,
            [
                CardBlocks.PlainText(ThemeLine.Format(language, model.Theme), isSubtle: true),
                CardBlocks.PlainText(model.Intention, spacing: CardSpacing.Medium),
            ]);
    }

    /// <summary><c>rencontre</c> alone where none is open: says so and how to open one.</summary>
    public static AdaptiveCard NoneOpen(Language language) =>
        CardBlocks.Notice(NoneHeading.For(language), [CardBlocks.Paragraph(NoneText.For(language)), CardBlocks.Command(OpenExample.For(language))]);

    /// <summary><c>rencontre intention : …</c> where no rencontre is open: nothing was saved; open one first.</summary>
    public static AdaptiveCard NoneForIntention(Language language) =>
        CardBlocks.Notice(NoneHeading.For(language), [CardBlocks.Paragraph(NoneForIntentionText.For(language)), CardBlocks.Command(OpenExample.For(language))]);

    /// <summary>
    /// A <c>rencontre</c> command not understood: what was wrong (with <paramref name="typed"/> repeated as data), the
    /// accepted date forms, the year rule and examples.
    /// </summary>
    public static AdaptiveCard Help(Language language, RencontreHelpReason reason, string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var shown = typed.Trim();
        var (heading, problem) = reason switch
        {
            RencontreHelpReason.BadDate => (BadDateHeading, shown.Length == 0 ? BadDateEmpty.For(language) : BadDateText.Format(language, shown)),
            RencontreHelpReason.NoTheme => (NoThemeHeading, NoThemeText.Format(language, shown)),
            _ => (NoIntentionHeading, NoIntentionText.For(language)),
        };
        var body = new List<CardElement> { CardBlocks.PlainText(problem) };
        if (reason == RencontreHelpReason.NoIntention)
        {
            body.Add(CardBlocks.Command(IntentionExample.For(language)));
        }
        else
        {
            body.Add(new TextBlock { Text = FormsTitle.For(language), Spacing = CardSpacing.Medium, Weight = TextWeight.Bolder });
            body.Add(CardBlocks.Paragraph(Forms.For(language)));
            body.Add(new TextBlock { Text = YearRule.For(language), Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Small });
            body.Add(new TextBlock { Text = ExamplesTitle.For(language), Spacing = CardSpacing.Medium, Weight = TextWeight.Bolder });
            body.Add(CardBlocks.Command(OpenExample.For(language)));
            body.Add(CardBlocks.Command(ExampleIso.For(language)));
        }

        return CardBlocks.Notice(heading.For(language), body);
    }

    /// <summary>
    /// A thématique or intention over its limit: nothing was saved, the limit, and the whole text back as written so
    /// nothing is lost.
    /// </summary>
    public static AdaptiveCard TooLong(Language language, bool isIntention, string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CardBlocks.Notice(
            (isIntention ? IntentionTooLongHeading : ThemeTooLongHeading).For(language),
            [
                CardBlocks.Paragraph(TooLongText.Format(
                    language,
                    text.Length.ToString(CultureInfo.InvariantCulture),
                    maxLength.ToString(CultureInfo.InvariantCulture))),
                CardBlocks.PlainText(text, spacing: CardSpacing.Medium, isSubtle: true),
            ]);
    }

    private static RichTextBlock IntentionBlock(Language language, string intention) => new()
    {
        Spacing = CardSpacing.Small,
        Inlines = [new TextRun { Text = IntentionLabel.For(language), Weight = TextWeight.Bolder }, new TextRun { Text = intention }],
    };
}
