using Azure;

namespace ConcertationBot.Bot.Profiles;

/// <summary>
/// One person's profile in one scope, as stored: the codes of the card's choices (<c>ProfileChoices</c>), under the
/// person's profile key. Nothing else: no id, no name, no date.
/// </summary>
public sealed record ProfileRecord
{
    /// <summary>The category's code ("communautaire", "institution-sante"…).</summary>
    public required string Category { get; init; }

    /// <summary>The role's code ("direction", "terrain"), or null when not stated.</summary>
    public string? Role { get; init; }

    public ETag ETag { get; init; }
}
