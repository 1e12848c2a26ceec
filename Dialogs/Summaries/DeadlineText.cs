using System.Globalization;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Summaries;

/// <summary>
/// How a deadline (or any time a person reads) is written: the date and hour in a named time zone, with no parenthesis,
/// so that it can sit inside a sentence or a parenthesis of its own. The zone is the one Teams sent; when it sent none
/// (or an unknown one), the deployment's <c>Concertation:TimeZone</c>, else <see cref="DefaultTimeZoneId"/>: a partner in
/// Montréal never reads "UTC".
/// </summary>
public static class DeadlineText
{
    /// <summary>The round tables' own zone when neither Teams nor the configuration gives one.</summary>
    public const string DefaultTimeZoneId = "America/Toronto";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static readonly Localized Eastern = new("heure de l'Est", "Eastern Time");
    private static readonly Localized Atlantic = new("heure de l'Atlantique", "Atlantic Time");
    private static readonly Localized Newfoundland = new("heure de Terre-Neuve", "Newfoundland Time");
    private static readonly Localized Central = new("heure du Centre", "Central Time");
    private static readonly Localized Mountain = new("heure des Rocheuses", "Mountain Time");
    private static readonly Localized Pacific = new("heure du Pacifique", "Pacific Time");
    private static readonly Localized Universal = new("UTC", "UTC");
    private static readonly Localized CityTime = new("heure de {0}", "{0} time");

    private static readonly Dictionary<string, Localized> Regions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["America/Toronto"] = Eastern,
        ["America/Montreal"] = Eastern,
        ["America/New_York"] = Eastern,
        ["America/Nipigon"] = Eastern,
        ["America/Thunder_Bay"] = Eastern,
        ["America/Iqaluit"] = Eastern,
        ["America/Detroit"] = Eastern,
        ["Canada/Eastern"] = Eastern,
        ["US/Eastern"] = Eastern,
        ["EST5EDT"] = Eastern,
        ["America/Halifax"] = Atlantic,
        ["America/Moncton"] = Atlantic,
        ["America/Glace_Bay"] = Atlantic,
        ["America/Goose_Bay"] = Atlantic,
        ["Canada/Atlantic"] = Atlantic,
        ["America/St_Johns"] = Newfoundland,
        ["Canada/Newfoundland"] = Newfoundland,
        ["America/Winnipeg"] = Central,
        ["America/Regina"] = Central,
        ["America/Chicago"] = Central,
        ["Canada/Central"] = Central,
        ["America/Edmonton"] = Mountain,
        ["America/Denver"] = Mountain,
        ["Canada/Mountain"] = Mountain,
        ["America/Vancouver"] = Pacific,
        ["America/Los_Angeles"] = Pacific,
        ["Canada/Pacific"] = Pacific,
        ["UTC"] = Universal,
        ["Etc/UTC"] = Universal,
        ["Etc/GMT"] = Universal,
    };

    /// <summary>French names of cities that name a zone ("Europe/Brussels" → "heure de Bruxelles").</summary>
    private static readonly Dictionary<string, string> FrenchCities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Brussels"] = "Bruxelles",
        ["London"] = "Londres",
        ["Geneva"] = "Genève",
        ["Algiers"] = "Alger",
    };

    /// <summary>
    /// "dimanche 29 novembre 2026 à 17 h 00, heure de l'Est" / "Sunday, November 29, 2026 at 5:00 PM Eastern Time", in
    /// <paramref name="timeZoneId"/> (IANA or Windows, as Teams sends it), else <paramref name="fallbackTimeZoneId"/>
    /// (the configured zone), else <see cref="DefaultTimeZoneId"/>.
    /// </summary>
    public static string Format(DateTimeOffset deadline, string? timeZoneId, Language language, string? fallbackTimeZoneId = null)
    {
        var (zone, ianaId) = Resolve(timeZoneId) ?? Resolve(fallbackTimeZoneId) ?? Resolve(DefaultTimeZoneId) ?? (TimeZoneInfo.Utc, "UTC");
        var local = TimeZoneInfo.ConvertTime(deadline, zone);
        var name = ZoneName(ianaId, language);
        if (language == Language.English)
        {
            return local.ToString("dddd, MMMM d, yyyy 'at' h:mm tt", English) + " " + name;
        }

        // "17 h 00" must not break across lines.
        var hour = local.ToString("H' h 'mm", French).Replace(' ', FrenchTypography.NoBreakSpace);
        return local.ToString("dddd d MMMM yyyy", French) + " à " + hour + ", " + name;
    }

    /// <summary>"heure de l'Est" / "Eastern Time", "heure de Paris" / "Paris time", "UTC": how the zone is named to a person.</summary>
    public static string ZoneName(string ianaId, Language language)
    {
        ArgumentNullException.ThrowIfNull(ianaId);
        if (Regions.TryGetValue(ianaId, out var region))
        {
            return region.For(language);
        }

        var city = ianaId[(ianaId.LastIndexOf('/') + 1)..].Replace('_', ' ');
        if (language == Language.French && FrenchCities.TryGetValue(city, out var french))
        {
            city = french;
        }

        return CityTime.Format(language, city);
    }

    /// <summary>The zone and its IANA id, or null when <paramref name="timeZoneId"/> is missing or unknown.</summary>
    private static (TimeZoneInfo Zone, string IanaId)? Resolve(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return null;
        }

        var ianaId = zone.HasIanaId ? zone.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var converted) ? converted
            : zone.Id;
        return (zone, ianaId);
    }
}
