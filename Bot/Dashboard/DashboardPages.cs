using System.Text;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Rencontres;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Dashboard;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// <c>GET /dashboard?grant=…</c>: the page of the conversation the link was made in, every figure computed here from
/// the stored summaries of closed pulses and the recorded results of closed votes (<see cref="DashboardPage"/>): the
/// browser never receives an answer, a ballot or a name. A bad, expired or other-purpose link gets 403 and a page that
/// reads nothing from storage.
/// </summary>
public sealed partial class DashboardPages(
    DashboardLinks links,
    IPulseStore pulses,
    PulseCloser closer,
    IVoteStore votes,
    IRencontreStore rencontres,
    IRoadmapStore roadmaps,
    IOptions<ConcertationOptions> options,
    ILogger<DashboardPages> logger)
{
    /// <summary>The most closed pulses on the trends (the latest ones).</summary>
    public const int MaxPulses = 24;

    /// <summary>The most rencontres listed (the latest ones).</summary>
    public const int MaxRencontres = 24;

    /// <summary>Where the page's own files are served, relative to the page.</summary>
    public const string AssetsPath = DashboardLinks.PagePath + "/assets/";

    public async Task<IResult> PageAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Verify(token) is not { } grant)
        {
            return Html(DashboardPage.InvalidLink(AssetsPath), StatusCodes.Status403Forbidden);
        }

        var language = Languages.FromCode(grant.Language);
        var closedPulses = await ClosedPulsesAsync(grant, cancellationToken).ConfigureAwait(false);
        var closedVotes = await ClosedVotesAsync(grant, cancellationToken).ConfigureAwait(false);
        var input = new DashboardInput
        {
            Language = language,
            MinimumGroupSize = options.Value.MinimumGroupSize,
            Pulses = closedPulses,
            Votes = closedVotes,
            Rencontres = await RencontresAsync(grant, cancellationToken).ConfigureAwait(false),
            Roadmap = await roadmaps.GetAsync(new CoordinatorScope(grant.ChannelId, grant.RoadmapScopeId), cancellationToken).ConfigureAwait(false),
            ExpiresText = DeadlineText.Format(grant.ExpiresAt, grant.TimeZone, language),
            AssetsPath = AssetsPath,
        };
        LogServed(logger, closedPulses.Count, closedVotes.Count);
        return Html(DashboardPage.Render(input), StatusCodes.Status200OK);
    }

    /// <summary>The latest <see cref="MaxPulses"/> closed pulses with their stored summaries (figures only are used).</summary>
    private async Task<List<DashboardPulse>> ClosedPulsesAsync(DashboardGrant grant, CancellationToken cancellationToken)
    {
        var closed = new List<PulseRecord>();
        await foreach (var pulse in pulses.ListAsync(grant.ChannelId, grant.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            if (!pulse.IsOpen && !pulse.SummaryPending)
            {
                closed.Add(pulse);
            }
        }

        var found = new List<DashboardPulse>();
        foreach (var pulse in closed.OrderBy(p => p.ClosedAt).TakeLast(MaxPulses))
        {
            var summary = await closer.ReadSummaryAsync(pulse, wholeTexts: false, cancellationToken).ConfigureAwait(false);
            found.Add(new DashboardPulse(DateOnly.FromDateTime(LocalTime.In(summary.ClosedAt, pulse.TimeZone).DateTime), summary, PulseRecordTemplate.Of(pulse)));
        }

        return found;
    }

    /// <summary>The latest closed votes whose result was recorded, newest first (a GET never finishes a vote's close).</summary>
    private async Task<List<DashboardVote>> ClosedVotesAsync(DashboardGrant grant, CancellationToken cancellationToken)
    {
        var closed = new List<VoteRecord>();
        await foreach (var vote in votes.ListClosedAsync(grant.ChannelId, grant.ConversationId, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false))
        {
            if (vote.FinalScores is not null && vote.ClosedAt is not null)
            {
                closed.Add(vote);
            }
        }

        var k = options.Value.MinimumGroupSize;
        return [.. closed
            .OrderByDescending(v => v.ClosedAt)
            .Take(DashboardPage.MaxVotes)
            .Select(v => new DashboardVote(DateOnly.FromDateTime(LocalTime.In(v.ClosedAt!.Value, grant.TimeZone).DateTime), PulseExport.ResultOf(v, Languages.FromCode(grant.Language), k)))];
    }

    /// <summary>The current rencontre and those opened before it, newest first.</summary>
    private async Task<List<DashboardRencontre>> RencontresAsync(DashboardGrant grant, CancellationToken cancellationToken)
    {
        var found = new List<DashboardRencontre>();
        var rencontre = await rencontres.GetCurrentAsync(grant.ChannelId, grant.ConversationId, cancellationToken).ConfigureAwait(false);
        while (rencontre is not null && found.Count < MaxRencontres)
        {
            found.Add(new DashboardRencontre(rencontre.Date, rencontre.Theme, rencontre.Intention));
            rencontre = await rencontres.GetPreviousAsync(grant.ChannelId, grant.ConversationId, rencontre.OpenedAt, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard served with {PulseCount} closed pulse(s) and {VoteCount} vote(s)")]
    private static partial void LogServed(ILogger logger, int pulseCount, int voteCount);
}
