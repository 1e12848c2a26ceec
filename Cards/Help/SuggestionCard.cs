using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>
/// The answer to a mistyped command: "Je n'ai pas compris « puls état ». Vouliez-vous dire « pulse état » ?", and a
/// button to the help card, rather than the whole help card at once.
/// </summary>
public static partial class SuggestionCard
{
    /// <summary><paramref name="typed"/> is what the person wrote and <paramref name="suggested"/> the command; both are shown as plain text.</summary>
    public static AdaptiveCard Build(Language language, string typed, string suggested)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(suggested);
        var text = DidYouMean.Format(language, typed, suggested);
        return new AdaptiveCard
        {
            FallbackText = text,
            Body = [new RichTextBlock { Inlines = [new TextRun { Text = text }] }],
            Actions = [new ExecuteAction { Title = ShowHelp.For(language), Verb = CardVerbs.HelpShow }],
        };
    }
}
