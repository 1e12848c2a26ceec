using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Bot.Coordination;

/// <summary>Per-conversation settings a coordinator chose; for now the fixed language (null follows each person's locale).</summary>
public interface IConversationSettingsStore
{
    Task<Language?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Fixes the conversation's language; null returns to following each person's locale.</summary>
    Task SetLanguageAsync(string channelId, string conversationId, Language? language, CancellationToken cancellationToken);
}

/// <summary>The settings of one conversation, as stored (JSON) in bot state.</summary>
public sealed record ConversationSettings(Language? Language);

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationSettings))]
internal sealed partial class ConversationSettingsJsonContext : JsonSerializerContext;

/// <summary>
/// <see cref="IConversationSettingsStore"/> on <see cref="IBotStateStore"/>, keyed by the conversation without thread suffix.
/// Every turn asks for the language, so reads are cached for <see cref="CacheDuration"/>: a change made through another
/// bot instance reaches this one within that time; a change made here is seen at once.
/// </summary>
public sealed class ConversationSettingsStore(IBotStateStore state, IMemoryCache cache) : IConversationSettingsStore
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<Language?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var key = Key(channelId, conversationId);
        if (cache.TryGetValue(key, out ConversationSettings? cached) && cached is not null)
        {
            return cached.Language;
        }

        var entry = await state.ReadAsync(key, ConversationSettingsJsonContext.Default.ConversationSettings, cancellationToken).ConfigureAwait(false);
        var settings = entry?.Value ?? new ConversationSettings(null);
        cache.Set(key, settings, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheDuration, Size = 1 });
        return settings.Language;
    }

    public async Task SetLanguageAsync(string channelId, string conversationId, Language? language, CancellationToken cancellationToken)
    {
        var key = Key(channelId, conversationId);
        var written = await state.UpdateAsync(
            key,
            current => (current ?? new ConversationSettings(null)) with { Language = language },
            ConversationSettingsJsonContext.Default.ConversationSettings,
            cancellationToken).ConfigureAwait(false);
        cache.Set(key, written.Value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheDuration, Size = 1 });
    }

    private static BotStateKey Key(string channelId, string conversationId) =>
        BotStateKey.ForConversation(channelId, ConversationKeys.Normalize(conversationId));
}
