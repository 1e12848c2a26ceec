using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Bot.Routing;

/// <summary>Every route of ConcertationBot, registered in one place.</summary>
public sealed class ConcertationBotApplication : BotApplication
{
    private readonly GreetingLedger _greetings;

    public ConcertationBotApplication(GreetingLedger greetings)
    {
        _greetings = greetings;

        OnCommand("aide", SendHelpAsync);
        OnCommand("help", SendHelpAsync);
        OnMessage(SendHelpAsync);

        OnCardAction(CardVerbs.HelpShow, (context, _, _) => Task.FromResult(HelpFor(context)));

        OnInstallationUpdate(GreetOnInstallAsync);
        OnConversationUpdate(GreetWhenBotAddedAsync);
    }

    protected override AdaptiveCard UnknownCardAction(TurnContext context) => NoticeCards.Expired(context.Language);

    private static AdaptiveCard HelpFor(TurnContext context) =>
        HelpCard.Build(CommandCatalog.Help(context.Language, context.IsGroupConversation));

    private static Task SendHelpAsync(TurnContext context, CancellationToken cancellationToken) =>
        context.SendCardAsync(HelpFor(context), cancellationToken);

    private Task GreetOnInstallAsync(TurnContext context, CancellationToken cancellationToken) =>
        string.Equals(context.Activity.Action, "add", StringComparison.OrdinalIgnoreCase)
            ? GreetOnceAsync(context, cancellationToken)
            : Task.CompletedTask;

    private Task GreetWhenBotAddedAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var botId = context.Activity.Recipient?.Id;
        var botAdded = botId is not null
            && (context.Activity.MembersAdded ?? []).Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase));
        return botAdded ? GreetOnceAsync(context, cancellationToken) : Task.CompletedTask;
    }

    private Task GreetOnceAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var conversationId = context.Activity.Conversation?.Id;
        if (conversationId is null || !_greetings.TryClaim(conversationId))
        {
            return Task.CompletedTask;
        }

        var welcome = context.CardReply(WelcomeCard.Build(context.Language, context.IsGroupConversation)) with { ReplyToId = null };
        return context.SendActivityAsync(welcome, cancellationToken);
    }
}
