using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Short texts the vote commands answer with.</summary>
public static partial class VoteNotices
{
}
