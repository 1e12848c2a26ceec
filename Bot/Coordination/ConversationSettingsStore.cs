using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Coordination;

/// <summary>
/// Settings a coordinator chose; for now the fixed language, as the code records store (<c>"fr"</c>, <c>"en"</c>, or
/// <c>"bi"</c> for a bilingual conversation; null
/// follows each person's locale). In a team, a language set in one channel applies to every channel of the team unless a
/// channel has set its own. Storage knows codes only; turning a code into the cards' language is the caller's affair.
/// </summary>
public interface IConversationSettingsStore
{
    Task<string?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Fixes the conversation's language; null returns to following each person's locale.</summary>
    Task SetLanguageAsync(string channelId, string conversationId, string? languageCode, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation's own language when it set one (<c>langue auto</c> included, as null); else, in a team
    /// (<paramref name="teamId"/> from the activity's channelData), the language last set in any of its channels.
    /// </summary>
    Task<string?> GetLanguageAsync(string channelId, string conversationId, string? teamId, CancellationToken cancellationToken) =>
        GetLanguageAsync(channelId, conversationId, cancellationToken);

    /// <summary>Fixes the conversation's language and, in a team, the language of every channel that has not set its own.</summary>
    Task SetLanguageAsync(string channelId, string conversationId, string? teamId, string? languageCode, CancellationToken cancellationToken) =>
        SetLanguageAsync(channelId, conversationId, languageCode, cancellationToken);
}

/// <summary>
/// The settings of one conversation (or of a team), as stored (JSON) in bot state. <see cref="Language"/> is a code;
/// entries written before codes hold <c>"French"</c> or <c>"English"</c>, read as <c>"fr"</c> and <c>"en"</c>.
/// </summary>
public sealed record ConversationSettings(string? Language)
{
    /// <summary>The stored language as a code: <c>"en"</c>, <c>"bi"</c> or <c>"fr"</c>, whichever way it was written; null when none.</summary>
    [JsonIgnore]
    public string? LanguageCode => Language switch
    {
        null => null,
        "en" or "English" => "en",
        "bi" => "bi",
        _ => "fr",
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationSettings))]
internal sealed partial class ConversationSettingsJsonContext : JsonSerializerContext;

/// <summary>
/// <see cref="IConversationSettingsStore"/> on <see cref="IBotStateStore"/>: one entry per conversation (keyed without
/// the thread suffix) and one per team (keyed by the team id). Every turn asks for the language, so reads are cached for
/// <see cref="CacheDuration"/>: a change made through another bot instance reaches this one within that time; a change
/// made here is seen at once.
/// </summary>
public sealed class ConversationSettingsStore(IBotStateStore state, IMemoryCache cache) : IConversationSettingsStore
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public Task<string?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        GetLanguageAsync(channelId, conversationId, teamId: null, cancellationToken);

    public Task SetLanguageAsync(string channelId, string conversationId, string? languageCode, CancellationToken cancellationToken) =>
        SetLanguageAsync(channelId, conversationId, teamId: null, languageCode, cancellationToken);

    public async Task<string?> GetLanguageAsync(string channelId, string conversationId, string? teamId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(ConversationKey(channelId, conversationId), cancellationToken).ConfigureAwait(false) is { } own)
        {
            return own.LanguageCode;
        }

        return teamId is { Length: > 0 } && await ReadAsync(TeamKey(channelId, teamId), cancellationToken).ConfigureAwait(false) is { } team
            ? team.LanguageCode
            : null;
    }

    public async Task SetLanguageAsync(string channelId, string conversationId, string? teamId, string? languageCode, CancellationToken cancellationToken)
    {
        await WriteAsync(ConversationKey(channelId, conversationId), languageCode, cancellationToken).ConfigureAwait(false);
        if (teamId is { Length: > 0 })
        {
            await WriteAsync(TeamKey(channelId, teamId), languageCode, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stored settings, or null when none were ever set there (cached either way).</summary>
    private async Task<ConversationSettings?> ReadAsync(BotStateKey key, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out Cached? cached) && cached is not null)
        {
            return cached.Settings;
        }

        var entry = await state.ReadAsync(key, ConversationSettingsJsonContext.Default.ConversationSettings, cancellationToken).ConfigureAwait(false);
        var settings = entry?.Value;
        cache.Set(key, new Cached(settings), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheDuration, Size = 1 });
        return settings;
    }

    private async Task WriteAsync(BotStateKey key, string? languageCode, CancellationToken cancellationToken)
    {
        var written = await state.UpdateAsync(
            key,
            current => (current ?? new ConversationSettings(null)) with { Language = languageCode },
            ConversationSettingsJsonContext.Default.ConversationSettings,
            cancellationToken).ConfigureAwait(false);
        cache.Set(key, new Cached(written.Value), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheDuration, Size = 1 });
    }

    private static BotStateKey ConversationKey(string channelId, string conversationId) =>
        BotStateKey.ForConversation(channelId, ConversationKeys.Normalize(conversationId));

    /// <summary>A team's own entry: apart from its General channel's, whose conversation id is the team id.</summary>
    private static BotStateKey TeamKey(string channelId, string teamId) =>
        new(BotStateKey.Compose("team", channelId, teamId), "settings");

    private sealed record Cached(ConversationSettings? Settings);
}
