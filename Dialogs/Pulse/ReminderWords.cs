using System.Globalization;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>
/// What <c>pulse rappel</c> says to the coordinator: what will happen ("Je relance 5 membres en privé"), why nobody is
/// reminded ("… prochain rappel possible demain à 14 h 36", in the pulse's time zone), how far a run is
/// ("120 / 300 relancés · fin estimée vers 14 h 52"), and that one is already running. Plurals agree with the count.
/// </summary>
public static partial class ReminderWords
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"Je relance 5 membres en privé" / "Je relance 1 membre en privé".</summary>
    public static string Starting(int count, Language language) =>
        (IsOne(count, language) ? StartingOne : StartingMany).Format(language, Number(count));

    /// <summary>The line under <see cref="Starting"/>: the card follows the run and becomes its report.</summary>
    public static string StartingDetail(Language language) => StartingDetailText.For(language);

    /// <summary>Nobody to remind: everyone who is a member has answered.</summary>
    public static string EveryoneAnswered(Language language) => EveryoneAnsweredText.For(language);

    /// <summary>
    /// Nobody to remind now: everyone who has not answered was reminded less than 24 h ago; the next reminder is possible
    /// at <paramref name="nextPossible"/>, said relative to <paramref name="now"/> in <paramref name="timeZoneId"/>.
    /// </summary>
    public static string EveryoneRecentlyReminded(DateTimeOffset nextPossible, DateTimeOffset now, string? timeZoneId, Language language) =>
        EveryoneRecentText.Format(language, When(nextPossible, now, timeZoneId, language));

    /// <summary>A run is already going for this pulse (here or on another instance of the bot).</summary>
    public static string AlreadyRunning(int done, int total, Language language) =>
        total <= 0
            ? AlreadyStartingText.For(language)
            : AlreadyRunningText.Format(language, Progress(done, total, estimatedEnd: null, now: default, timeZoneId: null, language));

    /// <summary>The bot is stopping and takes no new run: nobody was reminded.</summary>
    public static string Restarting(Language language) => RestartingText.For(language);

    /// <summary>"120 / 300 relancés · fin estimée vers 14 h 52"; without the estimate when <paramref name="estimatedEnd"/> is null.</summary>
    public static string Progress(int done, int total, DateTimeOffset? estimatedEnd, DateTimeOffset now, string? timeZoneId, Language language)
    {
        var progress = (IsOne(done, language) ? ProgressOne : ProgressMany).Format(language, Number(done), Number(total));
        return estimatedEnd is { } end
            ? progress + EtaText.Format(language, ClockTime(LocalTime.In(end, timeZoneId), language))
            : progress;
    }

    /// <summary>
    /// When the run should end at the pace so far: the time per member reached, times those left. Null before the
    /// first member (nothing to go on) and once done.
    /// </summary>
    public static DateTimeOffset? EstimatedEnd(DateTimeOffset startedAt, DateTimeOffset now, int done, int total)
    {
        if (done <= 0 || done >= total || now <= startedAt)
        {
            return null;
        }

        var perMember = (now - startedAt) / done;
        return now + (perMember * (total - done));
    }

    /// <summary>"aujourd'hui à 14 h 36", "demain à 14 h 36", "le lundi 7 décembre à 14 h 36" (in <paramref name="timeZoneId"/>).</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now, string? timeZoneId, Language language)
    {
        var local = LocalTime.In(at, timeZoneId);
        var today = LocalTime.In(now, timeZoneId).Date;
        var clock = ClockTime(local, language);
        var days = (local.Date - today).Days;
        return days switch
        {
            <= 0 => Today.Format(language, clock),
            1 => Tomorrow.Format(language, clock),
            _ => OnDay.Format(
                language,
                language == Language.English ? local.ToString("dddd, MMMM d", English) : local.ToString("dddd d MMMM", French),
                clock),
        };
    }

    /// <summary>"14 h 36" (no-break spaces) / "2:36 PM".</summary>
    public static string ClockTime(DateTimeOffset local, Language language) =>
        language == Language.English
            ? local.ToString("h:mm tt", English)
            : local.ToString("H' h 'mm", French).Replace(' ', FrenchTypography.NoBreakSpace);

    /// <summary>French counts 0 and 1 as singular; English only 1.</summary>
    public static bool IsOne(int count, Language language) =>
        language == Language.English ? count == 1 : count is 0 or 1;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
