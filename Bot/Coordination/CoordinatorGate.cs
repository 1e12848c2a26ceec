using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;

namespace ConcertationBot.Bot.Coordination;

/// <summary>
/// The one door to coordinator commands: lets coordinators through (bootstrapping the first one of a team when
/// nobody is configured) and answers everyone else with the polite refusal card naming who can do it.
/// </summary>
public sealed partial class CoordinatorGate(ICoordinatorDirectory directory, ILogger<CoordinatorGate> logger)
{
    /// <summary>
    /// True when the sender may run <paramref name="command"/>; otherwise the refusal card has been sent (to the
    /// conversation: in both languages in a bilingual one).
    /// </summary>
    public async Task<bool> AdmitAsync(TurnContext context, Localized command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await RefusedAsync(context, cancellationToken).ConfigureAwait(false) is not { } refused)
        {
            return true;
        }

        await context.SendSharedCardAsync(language => Refusal(language, command, refused), cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Null when the sender may run <paramref name="command"/>; otherwise the polite refusal card, for a card action whose
    /// answer is the clicker's own card (nothing sent, nothing stored).
    /// </summary>
    public async Task<AdaptiveCard?> RefusalAsync(TurnContext context, Localized command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await RefusedAsync(context, cancellationToken).ConfigureAwait(false) is { } refused
            ? Refusal(context.Language, command, refused)
            : null;
    }

    /// <summary>Null when the sender is a coordinator (recorded as the first one when nobody was); else the check that refused them.</summary>
    private async Task<CoordinatorCheck?> RefusedAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = context.Activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        var check = await directory.CheckAsync(CoordinatorScope.From(context.Activity), from, cancellationToken).ConfigureAwait(false);
        if (!check.IsCoordinator)
        {
            return check;
        }

        if (check.WasBootstrapped)
        {
            LogBootstrapped(logger, context.Activity.Conversation?.Id);
        }

        return null;
    }

    private static AdaptiveCard Refusal(Language language, Localized command, CoordinatorCheck refused) =>
        CoordinatorRefusalCard.Build(new CoordinatorRefusalCardModel
        {
            Language = language,
            Command = command.For(language),
            CoordinatorNames = refused.CoordinatorNames,
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "First coordinator of the scope of conversation {ConversationId} recorded (nobody was configured or granted)")]
    private static partial void LogBootstrapped(ILogger logger, string? conversationId);
}
