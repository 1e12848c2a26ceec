namespace ConcertationBot.Dialogs.Summaries;

/// <summary>
/// Times as the round table reads them: stored times are UTC, and a date a person reads must be the date where they
/// are (an evening rencontre in Québec that ends at 20:30 is on the 14th, although it is already the 15th in UTC).
/// </summary>
public static class LocalTime
{
    /// <summary>The time zone of an IANA or Windows id (as Teams' clientInfo gives it); UTC when missing or unknown.</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.Utc;

    /// <summary><paramref name="time"/> in <paramref name="timeZoneId"/>, with that zone's offset at that moment.</summary>
    public static DateTimeOffset In(DateTimeOffset time, string? timeZoneId) => TimeZoneInfo.ConvertTime(time, Zone(timeZoneId));

    /// <summary>The summary with its opening and closing times in <paramref name="timeZoneId"/>, for the words people read.</summary>
    public static PulseSummary In(PulseSummary summary, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary with { OpenedAt = In(summary.OpenedAt, timeZoneId), ClosedAt = In(summary.ClosedAt, timeZoneId) };
    }
}
