using System.Globalization;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Bot.Kernel;

/// <summary>How a deadline reads on a card: the date and hour in the opener's time zone, with its UTC offset.</summary>
public static class DeadlineText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"dimanche 29 novembre 2026 à 17 h 00 (UTC−05:00)" / "Sunday, November 29, 2026 at 5:00 PM (UTC−05:00)".</summary>
    public static string Format(DateTimeOffset deadline, string? timeZoneId, Language language)
    {
        var local = LocalTime.In(deadline, timeZoneId);
        var offset = local.Offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(local.Offset < TimeSpan.Zero ? '\u2212' : '+')}{local.Offset.Duration():hh\\:mm}");
        if (language == Language.English)
        {
            return local.ToString("dddd, MMMM d, yyyy 'at' h:mm tt", English) + " (" + offset + ")";
        }

        // "17 h 00" must not break across lines.
        var hour = local.ToString("H' h 'mm", French).Replace(' ', FrenchTypography.NoBreakSpace);
        return local.ToString("dddd d MMMM yyyy", French) + " à " + hour + " (" + offset + ")";
    }
}
