using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.LiveCards;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Keeps the posted vote card current through the coalescing <see cref="ILiveCardUpdater"/>: at most one PUT per
/// second per card, counted from the stored ballots when it is sent, so the last update shows every ballot. The
/// latest count is remembered for the voters' own views, which must not re-read every ballot on every click.
/// Every vote card it builds follows the small-group rule with k = <c>Concertation:MinimumGroupSize</c>, as the pulse
/// cards do.
/// </summary>
public sealed class VoteCardRefresher(
    IVoteStore votes,
    ConversationRoster roster,
    ILiveCardUpdater updater,
    IMemoryCache cache,
    IOptions<ConcertationOptions> options)
{
    /// <summary>How long a remembered count may stay in the host's size-limited memory cache (one unit each).</summary>
    private static readonly TimeSpan RememberTally = TimeSpan.FromHours(1);

    public static VoteDefinition DefinitionOf(VoteRecord vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return new VoteDefinition(vote.Question, vote.Options, vote.Rules);
    }

    /// <summary>
    /// The vote as shown in <paramref name="language"/>: in a bilingual vote, a question or option typed
    /// <c>Logement abordable | Affordable housing</c> shows its half in that language; elsewhere as typed.
    /// </summary>
    public static VoteDefinition DefinitionOf(VoteRecord vote, Language language)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return Languages.IsBilingual(vote.Language)
            ? new VoteDefinition(
                BilingualText.For(vote.Question, language),
                [.. vote.Options.Select(option => BilingualText.For(option, language))],
                vote.Rules)
            : DefinitionOf(vote);
    }

    /// <summary>k: under this many ballots a vote card shows participation only (unless opened with <c>résultats publics</c>).</summary>
    public int MinimumBallots => options.Value.MinimumGroupSize;

    /// <summary>The card model of <paramref name="vote"/> counted as <paramref name="tally"/>, with the small-group rule applied.</summary>
    public VoteCardModel Model(VoteRecord vote, VoteTally tally, bool isClosed, Language language)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return VoteTallies.Card(vote.VoteId, DefinitionOf(vote, language), tally, isClosed, language, MinimumBallots);
    }

    /// <summary>The vote card's own language ("fr", "en" or "bi" as stored), for the cards it posts for everyone.</summary>
    public static SharedLanguage LanguageOf(VoteRecord vote) =>
        SharedLanguage.FromCode(vote?.Language);

    /// <summary>
    /// Marks the vote card for an update; returns at once. A turn passes its <see cref="Routing.TurnContext.Answered"/> as
    /// <paramref name="notBefore"/>, so the person's own card reaches them before the channel's card changes.
    /// </summary>
    public void Schedule(VoteRecord vote, Task? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (Target(vote) is { } target)
        {
            updater.ScheduleClosable(
                target,
                vote,
                cancellationToken => votes.GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken),
                record => record.IsOpen,
                (current, cancellationToken) => RenderAsync(current, vote.CardActivityId, cancellationToken),
                notBefore,
                (sent, cancellationToken) => sent.FinalCardPending ? votes.MarkFinalCardSentAsync(sent, cancellationToken) : Task.CompletedTask);
        }
    }

    /// <summary>Waits until the scheduled updates of this vote's card have been sent.</summary>
    public Task FlushAsync(VoteRecord vote, CancellationToken cancellationToken) =>
        Target(vote) is { } target ? updater.FlushAsync(target, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Counts the stored ballots (the truth) and remembers the count for own views; a closed vote whose result is
    /// recorded is not counted again.
    /// </summary>
    public async Task<VoteTally> CountAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (!vote.IsOpen && vote.FinalScores is { } scores && vote.FinalParticipation is { } participation && scores.Count == vote.Options.Count)
        {
            return VoteTallies.FromScores(DefinitionOf(vote), participation, scores);
        }

        var ballots = new List<VoteBallot>();
        await foreach (var row in votes.ReadBallotsAsync(vote.VoteId, cancellationToken).ConfigureAwait(false))
        {
            if (VoteBallots.TryDecode(row.Points, vote.Options.Count, out var ballot))
            {
                ballots.Add(ballot);
            }
        }

        var tally = VoteTallies.Compute(DefinitionOf(vote), ballots);
        if (vote.IsOpen)
        {
            cache.Set(TallyKey(vote.VoteId), tally, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = RememberTally });
        }
        else
        {
            cache.Remove(TallyKey(vote.VoteId));
        }

        return tally;
    }

    /// <summary>The count of the last card update (at most about a second old), or a fresh count when there is none.</summary>
    public async Task<VoteTally> LatestAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return vote.IsOpen && cache.TryGetValue(TallyKey(vote.VoteId), out VoteTally? tally) && tally is not null
            ? tally
            : await CountAsync(vote, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The count of a closed vote whose ranking may be shown (as its result card does); null while it is open, when it
    /// closed without a ballot, or when the small-group rule withholds its tallies.
    /// </summary>
    public async Task<VoteTally?> ClosedRankingAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (vote.IsOpen)
        {
            return null;
        }

        var tally = await CountAsync(vote, cancellationToken).ConfigureAwait(false);
        return tally.Participation <= 0 || VoteTallies.IsWithheld(vote.Rules, tally.Participation, isClosed: true, MinimumBallots) ? null : tally;
    }

    /// <summary>The shared vote card for <paramref name="current"/> (a record the caller has just read), counted now.</summary>
    public async Task<AdaptiveCard> BuildAsync(VoteRecord current, Language language, string? notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tally = await CountAsync(current, cancellationToken).ConfigureAwait(false);
        // The roster (cached), not a record of who opened a ballot form: nothing ties a ballot to a person.
        var refreshUserIds = current.IsOpen
            ? await roster.RefreshUserIdsAsync(current.ServiceUrl, current.ConversationId, cancellationToken).ConfigureAwait(false)
            : [];

        return VoteCard.Build(Model(current, tally, !current.IsOpen, language) with
        {
            RefreshUserIds = refreshUserIds,
            Notice = notice,
        });
    }

    /// <summary>Runs when the update is sent, maybe seconds after it was scheduled, with the vote as read then (it may have closed since).</summary>
    private async Task<Activity> RenderAsync(VoteRecord current, string? activityId, CancellationToken cancellationToken)
    {
        var card = await LanguageOf(current).CardAsync((language, token) => BuildAsync(current, language, notice: null, token), cancellationToken).ConfigureAwait(false);
        return ProactiveMessages.Card(card) with { Id = activityId };
    }

    private static (string, string) TallyKey(string voteId) => ("vote-tally", voteId);

    private static LiveCardTarget? Target(VoteRecord vote) =>
        vote.CardActivityId is { Length: > 0 } activityId ? new LiveCardTarget(vote.ServiceUrl, vote.ConversationId, activityId) : null;
}
