using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>What <c>pulse état</c> shows: participation so far and time left.</summary>
public sealed record PulseStatusCardModel
{
    public required Language Language { get; init; }

    public required string PulseTitle { get; init; }

    /// <summary>"2 réponses sur 5 membres (40 %)", already localized (the same words as the summary).</summary>
    public required string Participation { get; init; }

    public required TimeSpan TimeLeft { get; init; }

    public required string DeadlineText { get; init; }
}

/// <summary>The coordinator's report after <c>pulse rappel</c>.</summary>
public sealed record ReminderReportCardModel
{
    public required Language Language { get; init; }

    public int Sent { get; init; }

    public int AlreadyAnswered { get; init; }

    /// <summary>Members reminded less than 24 h ago: not reminded again.</summary>
    public int RecentlyReminded { get; init; }

    /// <summary>Members the bot could not reach (no 1:1 possible, blocked, left the tenant).</summary>
    public int Unreachable { get; init; }

    /// <summary>
    /// Members Teams kept refusing for now (429, 5xx, no answer, after the retries) or not reached because the bot stopped:
    /// not counted as reminded, so the next <c>pulse rappel</c> reminds them.
    /// </summary>
    public int NotReachedNow { get; init; }

    /// <summary>True when the run stopped early (the bot shutting down): the counts are partial.</summary>
    public bool Interrupted { get; init; }
}

/// <summary>The 1:1 reminder: the pulse waits for this person's answer; "Répondre" opens their own view right here.</summary>
public sealed record PulseReminderCardModel
{
    public required Language Language { get; init; }

    public required string PulseId { get; init; }

    /// <summary>The conversation the pulse belongs to (carried in the action data).</summary>
    public required string ConversationId { get; init; }

    public required string PulseTitle { get; init; }

    /// <summary>Where the pulse was opened (the table: team or chat name; user data, shown inertly), when known.</summary>
    public string? PlaceName { get; init; }

    /// <summary>The channel of the team the pulse was opened in (user data, shown inertly), when known.</summary>
    public string? ChannelName { get; init; }

    /// <summary>A Teams link to the pulse card in its channel or chat, when its ids are known.</summary>
    public Uri? PulseLink { get; init; }

    public required string DeadlineText { get; init; }
}

/// <summary>Cards for the coordinator's pulse commands (état, rappel) and the 1:1 reminder.</summary>
public static partial class PulseCoordinationCards
{
    public static AdaptiveCard NoOpenPulse(Language language) =>
        CardBlocks.Announcement(NoOpenHeading.For(language), NoOpenText.For(language), TextSize.Medium);

    public static AdaptiveCard Status(PulseStatusCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        return CardBlocks.Notice(
            StatusHeading.For(language),
            [
                CardBlocks.Paragraph(model.PulseTitle),
                new FactSet
                {
                    Facts =
                    [
                        new Fact(ParticipationLabel.For(language), model.Participation),
                        new Fact(TimeLeftLabel.For(language), TimeLeftText(language, model.TimeLeft)),
                        new Fact(DeadlineLabel.For(language), model.DeadlineText),
                    ],
                },
            ]);
    }

    public static AdaptiveCard ReminderReport(ReminderReportCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement>
        {
            new FactSet
            {
                Facts =
                [
                    CountFact(model.Sent, SentOne, SentMany, language),
                    CountFact(model.AlreadyAnswered, AnsweredOne, AnsweredMany, language),
                    CountFact(model.RecentlyReminded, RecentOne, RecentMany, language),
                    CountFact(model.Unreachable, UnreachableOne, UnreachableMany, language),
                    .. model.NotReachedNow > 0 ? [CountFact(model.NotReachedNow, NotReachedOne, NotReachedMany, language)] : Array.Empty<Fact>(),
                ],
            },
        };
        if (model.Unreachable > 0)
        {
            body.Add(new TextBlock { Text = UnreachableText.For(language), IsSubtle = true, Size = TextSize.Small });
        }

        if (model.Interrupted)
        {
            body.Add(new TextBlock { Text = InterruptedText.For(language), Size = TextSize.Small });
        }
        else if (model.NotReachedNow > 0)
        {
            body.Add(new TextBlock { Text = NotReachedText.For(language), Size = TextSize.Small });
        }

        return CardBlocks.Notice(ReportHeading.For(language), body);
    }

    public static AdaptiveCard Reminder(PulseReminderCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement> { CardBlocks.PlainText(ReminderText.Format(language, model.PulseTitle, model.DeadlineText), spacing: null) };
        if (!string.IsNullOrWhiteSpace(model.PlaceName))
        {
            var place = new List<TextRun> { new() { Text = ReminderPlace.For(language), IsSubtle = true }, new() { Text = model.PlaceName, IsSubtle = true } };
            if (!string.IsNullOrWhiteSpace(model.ChannelName))
            {
                place.Add(new TextRun { Text = ReminderChannel.For(language), IsSubtle = true });
                place.Add(new TextRun { Text = model.ChannelName, IsSubtle = true });
            }

            body.Add(new RichTextBlock { Spacing = CardSpacing.Small, Inlines = place });
        }

        var actions = new List<CardAction>
        {
            new ExecuteAction { Title = Answer.For(language), Verb = CardVerbs.PulseOpen, Data = PulseCardParts.OpenData(model.PulseId, model.ConversationId) },
        };
        if (model.PulseLink is { } link)
        {
            actions.Add(new OpenUrlAction { Title = SeePulse.For(language), Url = link });
        }

        return CardBlocks.Notice(ReminderHeading.For(language), body, actions);
    }

    /// <summary>"2 jours et 5 heures", "moins d'une heure"; "2 days and 5 hours", "less than an hour".</summary>
    public static string TimeLeftText(Language language, TimeSpan left)
    {
        var english = language == Language.English;
        if (left <= TimeSpan.Zero)
        {
            return english ? "none: the deadline has passed" : "aucun\u00A0: l'échéance est passée";
        }

        if (left < TimeSpan.FromHours(1))
        {
            return english ? "less than an hour" : "moins d'une heure";
        }

        var days = (int)left.TotalDays;
        var hours = left.Hours;
        string Unit(int n, string fr, string frPlural, string en, string enPlural) =>
            n.ToString(CultureInfo.InvariantCulture) + " " + (english ? (n == 1 ? en : enPlural) : (n == 1 ? fr : frPlural));

        var dayText = Unit(days, "jour", "jours", "day", "days");
        var hourText = Unit(hours, "heure", "heures", "hour", "hours");
        return (days, hours) switch
        {
            (0, _) => hourText,
            (_, 0) => dayText,
            _ => dayText + (english ? " and " : " et ") + hourText,
        };
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count with its label in agreement: "Rappels envoyés 5", "Rappel envoyé 1" (French: 0 and 1 singular).</summary>
    private static Fact CountFact(int count, Localized one, Localized many, Language language) =>
        new((language == Language.English ? count == 1 : count is 0 or 1) ? one.For(language) : many.For(language), Number(count));
}
