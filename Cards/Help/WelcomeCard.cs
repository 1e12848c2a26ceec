using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>Posted once when the bot is installed for a person, a group chat or a team.</summary>
public static class WelcomeCard
{
    public static readonly Localized Heading = new("Bienvenue dans ConcertationBot", "Welcome to ConcertationBot");

    private static readonly Localized TeamText = new(
        "Bonjour à toute la table ! Je vais aider la coordination à mener les concertations ici : des pulses courts à remplir depuis Teams, même sur téléphone, des votes de priorités en direct et un compte-rendu prêt à partager. Les réponses restent anonymes dans les synthèses.",
        "Hello, everyone at the table! I help the coordination run concertations here: short pulses to fill in from Teams, even on a phone, live priority votes and a ready-to-share compte-rendu. Answers stay anonymous in summaries.");

    private static readonly Localized PersonalText = new(
        "Bonjour ! Je suis l'assistant de concertation de votre table de quartier. C'est ici que je vous enverrai les pulses et les rappels, et que vous pourrez reprendre vos réponses.",
        "Hello! I am your round table's concertation assistant. This is where I will send you pulses and reminders, and where you can come back to your answers.");

    private static readonly Localized ShowHelp = new("Voir l'aide", "Show help");

    /// <summary>The welcome, with the small-group rule in one sentence (<paramref name="minimumGroupSize"/> is k).</summary>
    public static AdaptiveCard Build(Language language, bool isGroupConversation, int minimumGroupSize = 3)
    {
        var card = CardBlocks.Announcement(
            Heading.For(language),
            (isGroupConversation ? TeamText : PersonalText).For(language),
            actions: [new ExecuteAction { Title = ShowHelp.For(language), Verb = CardVerbs.HelpShow }]);
        return card with
        {
            Body = [.. card.Body, new TextBlock { Text = HelpCard.SmallGroupSentence(language, minimumGroupSize), Spacing = CardSpacing.Small, Size = TextSize.Small, IsSubtle = true }],
        };
    }
}
