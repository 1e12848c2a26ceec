namespace ConcertationBot.Cards;

/// <summary>
/// <c>Action.Execute</c> verbs. Cards stay in channels for months, so these strings and their data fields are a
/// stable API: never rename one; retire it by answering with the expired card instead.
/// </summary>
public static class CardVerbs
{
    /// <summary>Replace the card with the help card (welcome card's button).</summary>
    public const string HelpShow = "help.show";
}
