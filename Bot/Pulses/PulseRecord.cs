using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>One pulse survey in one conversation, as stored.</summary>
public sealed record PulseRecord : ConversationItemRecord
{
    public required string PulseId { get; init; }
    public required string TemplateId { get; init; }
    public required int TemplateVersion { get; init; }

    /// <summary>
    /// The template's steps this pulse asks, as chosen on <c>pulse configurer</c> (<c>PulseTemplateChoice.StepsCodeFor</c>);
    /// null for every step (pulses opened before the choice, or with it). Read through <see cref="PulseRecordTemplate"/>.
    /// </summary>
    public string? TemplateSteps { get; init; }

    /// <summary>
    /// A changes round's deepening (<c>changements approfondir</c>, <see cref="TemplateId"/> <c>changes-deepening</c>):
    /// the categories it asks about, in order, one per line, as they were named when it opened (a later renaming never
    /// changes a round). Null for any other pulse. Read through <see cref="PulseRecordTemplate"/>.
    /// </summary>
    public string? DeepeningCategories { get; init; }

    /// <summary>
    /// True for a changes round's deepening (its <see cref="TemplateId"/>, the one marker; <see cref="DeepeningCategories"/>
    /// is its data): never compared with an ordinary pulse, never a pulse with a change step.
    /// </summary>
    public bool IsDeepening => string.Equals(TemplateId, DeepeningTemplate.Id, StringComparison.Ordinal);

    /// <summary>The coordinator chose not to show participation by profile in this pulse's summary.</summary>
    public bool ProfilesHidden { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public string? OpenedByName { get; init; }

    /// <summary>The team's or chat's name when Teams gave it (for the compte-rendu title); null otherwise.</summary>
    public string? PlaceName { get; init; }

    /// <summary>The opener's IANA time zone (from the Teams client), used to show the deadline; null for UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>When the closing summary card was posted (null: not yet, or it failed and may be retried).</summary>
    public DateTimeOffset? SummaryPostedAt { get; init; }

    /// <summary>
    /// True from the close until the summary is posted (or given up): an unfinished close that any instance's sweep finishes.
    /// False for pulses closed before closes were resumable.
    /// </summary>
    public bool SummaryPending { get; init; }

    /// <summary>
    /// True from the close until Teams accepted the posted pulse card's turn into the closed card. The update is sent by
    /// the instance that closed the pulse; if it stopped first (or Teams refused for longer than it kept trying), any
    /// instance's sweep sends it again, so a closed pulse's card never stays open.
    /// </summary>
    public bool FinalCardPending { get; init; }

    /// <summary>Until when one instance holds the right to post the pending summary (its lease, or the wait before the next try).</summary>
    public DateTimeOffset? SummaryClaimUntil { get; init; }

    /// <summary>When the conversation was told that the summary is delayed (told once).</summary>
    public DateTimeOffset? SummaryDelayNoticeAt { get; init; }

    /// <summary>
    /// True when the pulse's answers are fenced (opened since answers have a fence row that the close deletes): an answer
    /// can then not be stored after the close. False for pulses opened before.
    /// </summary>
    public bool AnswerFence { get; init; }

    /// <summary>A new, time-ordered pulse id: 32 lowercase hex characters.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}

/// <summary>One respondent's answers: the keyed hash, the answer fields, and the day they were last sent (UTC midnight).</summary>
public sealed record PulseAnswerRow(string RespondentKey, IReadOnlyDictionary<string, object?> Fields, DateTimeOffset AnsweredOn);

/// <summary>Where a respondent's unsent pulse dialog is kept: keyed by the respondent key, never by a name.</summary>
public static class PulseStateKeys
{
    public static BotStateKey Respondent(string pulseId, string respondentKey) =>
        new(BotStateKey.Compose("pulse", pulseId), BotStateKey.Compose("respondent", respondentKey));

    /// <summary>The row-key prefix of every respondent's dialog state in <see cref="Partition"/>.</summary>
    public static readonly string RespondentPrefix = BotStateKey.Compose("respondent", "x")[..^1];

    /// <summary>The state partition of one pulse: its respondents' dialog states and its summary.</summary>
    public static string Partition(string pulseId) => BotStateKey.Compose("pulse", pulseId);

    /// <summary>The summary computed when the pulse closed (for the next pulse's trend arrows and the export).</summary>
    public static BotStateKey Summary(string pulseId) => new(BotStateKey.Compose("pulse", pulseId), "summary");
}
