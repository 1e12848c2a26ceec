using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>Posted once when the bot is installed for a person, a group chat or a team.</summary>
public static partial class WelcomeCard
{
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
