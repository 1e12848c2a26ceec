using ConcertationBot.Bot.Storage;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The conversation's default pulse (<c>pulse configurer</c>): which steps, whether the summary shows participation by
/// profile, and the duration. One bot-state row per conversation, beside its other state; it names nobody.
/// </summary>
public interface IPulseSetupStore
{
    /// <summary>The conversation's default, or null when no coordinator chose one here.</summary>
    Task<PulseTemplateChoice?> GetAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="choice"/> the conversation's default (the last choice wins).</summary>
    Task SaveAsync(string channelId, string conversationId, PulseTemplateChoice choice, CancellationToken cancellationToken);
}

/// <inheritdoc cref="IPulseSetupStore"/>
public sealed class PulseSetupStore(IBotStateStore state) : IPulseSetupStore
{
    private const string RowKey = "pulseSetup";

    public async Task<PulseTemplateChoice?> GetAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        (await state.ReadAsync(Key(channelId, conversationId), PulseTemplateChoiceJsonContext.Default.PulseTemplateChoice, cancellationToken).ConfigureAwait(false))?.Value;

    public async Task SaveAsync(string channelId, string conversationId, PulseTemplateChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        await state.UpdateAsync(Key(channelId, conversationId), _ => choice, PulseTemplateChoiceJsonContext.Default.PulseTemplateChoice, cancellationToken).ConfigureAwait(false);
    }

    private static BotStateKey Key(string channelId, string conversationId) =>
        new(ConversationKeys.Partition(channelId, conversationId), RowKey);
}
