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
    /// <summary>True when the sender may run <paramref name="command"/>; otherwise the refusal card has been sent.</summary>
    public async Task<bool> AdmitAsync(TurnContext context, Localized command, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(context, command, cancellationToken).ConfigureAwait(false) is not { } refusal)
        {
            return true;
        }

        await context.SendCardAsync(refusal, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Null when the sender may run <paramref name="command"/>; otherwise the polite refusal card, for a card action whose
    /// answer is the clicker's own card (nothing sent, nothing stored).
    /// </summary>
    public async Task<AdaptiveCard?> RefusalAsync(TurnContext context, Localized command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var from = context.Activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        var check = await directory.CheckAsync(CoordinatorScope.From(context.Activity), from, cancellationToken).ConfigureAwait(false);
        if (check.IsCoordinator)
        {
            if (check.WasBootstrapped)
            {
                LogBootstrapped(logger, context.Activity.Conversation?.Id);
            }

            return null;
        }

        return CoordinatorRefusalCard.Build(new CoordinatorRefusalCardModel
        {
            Language = context.Language,
            Command = command.For(context.Language),
            CoordinatorNames = check.CoordinatorNames,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First coordinator of the scope of conversation {ConversationId} recorded (nobody was configured or granted)")]
    private static partial void LogBootstrapped(ILogger logger, string? conversationId);
}
