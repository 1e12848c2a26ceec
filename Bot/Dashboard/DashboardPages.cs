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
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// <c>GET /dashboard?grant=…</c>: the page of the conversation the link was made in, every figure computed here from
/// the stored summaries of closed pulses and the recorded results of closed votes (<see cref="DashboardPage"/>): the
/// browser never receives an answer, a ballot or a name. A bad, expired or other-purpose link gets 403 and a page that
/// reads nothing from storage.
/// </summary>
public sealed partial class DashboardPages(
    IPulseStore pulses,
    PulseCloser closer,
    IVoteStore votes,
    IRencontreStore rencontres,
    IRoadmapStore roadmaps,
    ExportLinks exportLinks,
    IOptions<ConcertationOptions> options,
    ILogger<DashboardPages> logger)
{
    /// <summary>The most closed pulses on the trends (the latest ones).</summary>
    public const int MaxPulses = 24;

    /// <summary>The most rencontres listed (the latest ones).</summary>
    public const int MaxRencontres = 24;

    /// <summary>Where the page's own files are served, relative to the page.</summary>
    public const string AssetsPath = DashboardLinks.PagePath + "/assets/";

    /// <summary>The page of <paramref name="grant"/>, verified by the caller; null (a bad, expired or other-purpose link) gets 403.</summary>
    public async Task<IResult> PageAsync(DashboardGrant? grant, CancellationToken cancellationToken)
    {
        if (grant is null)
        {
            return Html(DashboardPage.InvalidLink(AssetsPath), StatusCodes.Status403Forbidden);
        }

        var language = SharedLanguage.FromCode(grant.Language);
        var closed = await ClosedPulsesOfAsync(grant, cancellationToken).ConfigureAwait(false);
        var closedPulses = await ClosedPulsesAsync(closed, cancellationToken).ConfigureAwait(false);
        var closedVotes = await ClosedVotesAsync(grant, language, cancellationToken).ConfigureAwait(false);
        var input = new DashboardInput
        {
            Language = language.Language,
            Bilingual = language.Bilingual,
            MinimumGroupSize = options.Value.MinimumGroupSize,
            Pulses = closedPulses,
            Votes = closedVotes,
            Rencontres = await RencontresAsync(grant, closed, cancellationToken).ConfigureAwait(false),
            Roadmap = await roadmaps.GetAsync(new CoordinatorScope(grant.ChannelId, grant.RoadmapScopeId), cancellationToken).ConfigureAwait(false),
            ExpiresText = DeadlineText.Format(grant.ExpiresAt, grant.TimeZone, language.Language),
            EnglishExpiresText = language.Bilingual ? DeadlineText.Format(grant.ExpiresAt, grant.TimeZone, Language.English) : null,
            AssetsPath = AssetsPath,
        };
        LogServed(logger, closedPulses.Count, closedVotes.Count);
        return Html(DashboardPage.Render(input), StatusCodes.Status200OK);
    }

    /// <summary>The conversation's closed pulses whose summary was made, of every template (the rencontres' compte-rendus are any pulse's).</summary>
    private async Task<List<PulseRecord>> ClosedPulsesOfAsync(DashboardGrant grant, CancellationToken cancellationToken)
    {
        var closed = new List<PulseRecord>();
        await foreach (var pulse in pulses.ListAsync(grant.ChannelId, grant.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            if (!pulse.IsOpen && !pulse.SummaryPending)
            {
                closed.Add(pulse);
            }
        }

        return closed;
    }

    /// <summary>
    /// The latest <see cref="MaxPulses"/> closed ordinary pulses with their stored summaries (figures only are used). A
    /// pulse of another template (a changes round's deepening, asked of fewer people about other things) is no point of
    /// the trends: its role clarity or participation would not compare with the table's pulses.
    /// </summary>
    private async Task<List<DashboardPulse>> ClosedPulsesAsync(IEnumerable<PulseRecord> closed, CancellationToken cancellationToken)
    {
        var found = new List<DashboardPulse>();
        foreach (var pulse in closed.Where(IsOrdinary).OrderBy(p => p.ClosedAt).TakeLast(MaxPulses))
        {
            var summary = await closer.ReadSummaryAsync(pulse, wholeTexts: false, cancellationToken).ConfigureAwait(false);
            found.Add(new DashboardPulse(DateOnly.FromDateTime(LocalTime.In(summary.ClosedAt, pulse.TimeZone).DateTime), summary, PulseRecordTemplate.Of(pulse)));
        }

        return found;
    }

    /// <summary>A pulse of the table's own template (<see cref="PulseTemplates.Default"/>), the only ones on the trends.</summary>
    internal static bool IsOrdinary(PulseRecord pulse) => string.Equals(pulse.TemplateId, PulseTemplates.Default.Id, StringComparison.Ordinal);

    /// <summary>The latest closed votes whose result was recorded, newest first (a GET never finishes a vote's close).</summary>
    private async Task<List<DashboardVote>> ClosedVotesAsync(DashboardGrant grant, SharedLanguage language, CancellationToken cancellationToken)
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
            .Select(v => new DashboardVote(DateOnly.FromDateTime(LocalTime.In(v.ClosedAt!.Value, grant.TimeZone).DateTime), PulseExport.ResultOf(v, language.Language, k))
            {
                English = language.Bilingual ? PulseExport.ResultOf(v, Language.English, k) : null,
            })];
    }

    /// <summary>
    /// The current rencontre and those opened before it, newest first, each with a link to its compte-rendu when one of
    /// its pulses closed: the <c>export</c> document of its latest closed pulse (which holds its earlier pulses and its
    /// votes), through a signed export link for this conversation that expires with the page's own link.
    /// </summary>
    private async Task<List<DashboardRencontre>> RencontresAsync(DashboardGrant grant, IReadOnlyList<PulseRecord> closed, CancellationToken cancellationToken)
    {
        var found = new List<DashboardRencontre>();
        var rencontre = await rencontres.GetCurrentAsync(grant.ChannelId, grant.ConversationId, cancellationToken).ConfigureAwait(false);
        while (rencontre is not null && found.Count < MaxRencontres)
        {
            var id = rencontre.RencontreId;
            var latest = closed.Where(p => p.RencontreId == id).MaxBy(p => p.OpenedAt);
            found.Add(new DashboardRencontre(rencontre.Date, rencontre.Theme, rencontre.Intention)
            {
                CompteRenduLink = latest is null ? null : CompteRenduLink(grant, latest.PulseId),
            });
            rencontre = await rencontres.GetPreviousAsync(grant.ChannelId, grant.ConversationId, rencontre.OpenedAt, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    /// <summary>
    /// The compte-rendu of <paramref name="pulseId"/>, relative to the page (so only the bot's own origin, under any base
    /// path): an export grant for this conversation, the same feuille de route scope and time zone, expiring when the
    /// page's grant does, never later.
    /// </summary>
    private string CompteRenduLink(DashboardGrant grant, string pulseId)
    {
        var exportGrant = new ExportGrant(grant.ChannelId, grant.ConversationId, pulseId, grant.ExpiresAt)
        {
            TimeZone = grant.TimeZone,
            RoadmapScopeId = grant.RoadmapScopeId,
        };
        return ExportLinks.RelativeLink(exportLinks.CreateToken(exportGrant), ExportLinks.MarkdownFile);
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard served with {PulseCount} closed pulse(s) and {VoteCount} vote(s)")]
    private static partial void LogServed(ILogger logger, int pulseCount, int voteCount);
}
