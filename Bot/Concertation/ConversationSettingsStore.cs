using System.Text.Json.Serialization;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Bot.Concertation;

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

/// <summary><see cref="IConversationSettingsStore"/> on <see cref="IBotStateStore"/>, keyed by the conversation without thread suffix.</summary>
public sealed class ConversationSettingsStore(IBotStateStore state) : IConversationSettingsStore
{
    public async Task<Language?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var entry = await state.ReadAsync(Key(channelId, conversationId), ConversationSettingsJsonContext.Default.ConversationSettings, cancellationToken).ConfigureAwait(false);
        return entry?.Value.Language;
    }

    public async Task SetLanguageAsync(string channelId, string conversationId, Language? language, CancellationToken cancellationToken) =>
        await state.UpdateAsync(
            Key(channelId, conversationId),
            current => (current ?? new ConversationSettings(null)) with { Language = language },
            ConversationSettingsJsonContext.Default.ConversationSettings,
            cancellationToken).ConfigureAwait(false);

    private static BotStateKey Key(string channelId, string conversationId) =>
        BotStateKey.ForConversation(channelId, ConversationKeys.Normalize(conversationId));
}
