using System.Text;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Changes;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Rencontres;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards.Export;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Changes;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Rencontres;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Exports;

/// <summary>
/// <c>export</c>: a compte-rendu card with two signed, expiring download links (Markdown and CSV) for the last
/// pulse of the conversation and the votes closed since the pulse before it closed (every closed vote for the first pulse or without a pulse),
/// and the endpoint that serves them. When the pulse belongs to a rencontre, the compte-rendu is the rencontre's: its date,
/// thématique and intention, and the votes of that rencontre only (read through <see cref="IRencontreStore"/>).
/// </summary>
public sealed partial class PulseExport(
    CoordinatorGate gate,
    IPulseStore pulses,
    IVoteStore votes,
    IRencontreStore rencontres,
    IRoadmapStore roadmaps,
    IChangeGroupingStore groupings,
    PulseCloser closer,
    VoteCloser voteCloser,
    ExportLinks links,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseExport> logger)
{
    private const int MaxVotesInReport = 50;
    private const int MaxEarlierPulses = 10;
    private const int MaxHistory = 500;

    public async Task ExportAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.Export, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var channelId = context.Activity.ChannelId!;
        var conversationId = ConversationKeys.Normalize(context.Activity.Conversation!.Id!);
        var pulse = await pulses.GetLatestAsync(channelId, conversationId, closedOnly: false, exceptPulseId: null, cancellationToken).ConfigureAwait(false);
        var rencontre = await RencontreOfAsync(pulse, cancellationToken).ConfigureAwait(false);
        var closedVotes = await ClosedVotesAsync(channelId, conversationId, pulse, rencontre, cancellationToken).ConfigureAwait(false);
        if (pulse is null && closedVotes.Count == 0)
        {
            await context.SendSharedCardAsync(PulseCoordinationCards.NoOpenPulse, cancellationToken).ConfigureAwait(false);
            return;
        }

        var baseUri = PublicAddress.BaseUri(options.Value, context);
        var grant = links.GrantFor(channelId, conversationId, pulse?.PulseId ?? ExportGrant.VotesOnly, context.TimeZone)
            with { RoadmapScopeId = CoordinatorScope.From(context.Activity).ScopeId };
        var token = links.CreateToken(grant);
        var answers = pulse is null ? 0 : await pulses.CountAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var from = pulse?.OpenedAt ?? closedVotes[0].OpenedAt;
        var to = pulse is null ? closedVotes[^1].ClosedAt ?? time.GetUtcNow() : pulse.ClosedAt ?? time.GetUtcNow();
        var zone = pulse?.TimeZone ?? context.TimeZone;
        LogExported(logger, grant.PulseId, rencontre?.RencontreId, closedVotes.Count);
        await context.SendSharedCardAsync(
            language => ExportCard.Build(new ExportCardModel
            {
                Language = language,
                Title = pulse?.PlaceName ?? ExportWords.DefaultTitle.For(language),
                Rencontre = rencontre is null ? null : new ExportCardRencontre(RencontreDates.Write(rencontre.Date, language), rencontre.Theme),
                PulsePeriod = SummaryWords.Period(LocalTime.In(from, zone), LocalTime.In(to, zone), language),
                AnswerCount = answers,
                VoteCount = closedVotes.Count,
                MarkdownUrl = ExportLinks.Link(baseUri, token, ExportLinks.MarkdownFile),
                CsvUrl = ExportLinks.Link(baseUri, token, ExportLinks.CsvFile),
                ExpiresText = DeadlineText.Format(grant.ExpiresAt, context.TimeZone, language),
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /exports/{file}?grant=…</c>: 403 for a bad or expired link, 404 for an unknown file or pulse, both with a
    /// small page in French and English (<see cref="ExportLinkPage"/>). The document is written to the response as the
    /// answer rows are read, page by page and section by section (<see cref="StreamedDownload"/>): neither the document
    /// nor every answer is ever held.
    /// </summary>
    public async Task<IResult> DownloadAsync(string token, string file, CancellationToken cancellationToken)
    {
        if (links.Verify(token) is not { } grant)
        {
            return LinkPage(StatusCodes.Status403Forbidden);
        }

        if (file is not (ExportLinks.MarkdownFile or ExportLinks.CsvFile))
        {
            return LinkPage(StatusCodes.Status404NotFound);
        }

        var pulse = grant.PulseId == ExportGrant.VotesOnly
            ? null
            : await pulses.GetAsync(grant.ChannelId, grant.ConversationId, grant.PulseId, cancellationToken).ConfigureAwait(false);
        var rencontre = await RencontreOfAsync(pulse, cancellationToken).ConfigureAwait(false);
        var closedVotes = await ClosedVotesAsync(grant.ChannelId, grant.ConversationId, pulse, rencontre, cancellationToken).ConfigureAwait(false);
        if (pulse is null && (grant.PulseId != ExportGrant.VotesOnly || closedVotes.Count == 0))
        {
            return LinkPage(StatusCodes.Status404NotFound);
        }

        var language = pulse is not null ? PulseCardRefresher.LanguageOf(pulse) : VoteCardRefresher.LanguageOf(closedVotes[^1]);
        var template = pulse is null ? PulseTemplates.Default : PulseRecordTemplate.Of(pulse);
        var zone = pulse?.TimeZone ?? grant.TimeZone;
        var name = ExportLinks.DownloadName(file, LocalTime.In(pulse?.ClosedAt ?? closedVotes.LastOrDefault()?.ClosedAt ?? time.GetUtcNow(), zone));
        if (file == ExportLinks.CsvFile)
        {
            var answers = pulse is null
                ? AsyncEnumerable.Empty<IReadOnlyDictionary<string, object?>>()
                : pulses.ReadAnswerColumnsAsync(pulse.PulseId, CompteRendu.Columns(template), cancellationToken).Select(row => row.Fields);
            var csv = CompteRendu.CsvPartsAsync(template, answers, language.Language, options.Value.MinimumGroupSize, cancellationToken);
            return new StreamedDownload(csv, "text/csv; charset=utf-8", name, grant.PulseId, logger);
        }

        // The figures are the stored (bounded) summary's; a big table's whole text lists are read again from the answer
        // rows one list at a time while the document is written (AnswerTexts). A pulse whose answers were deleted keeps
        // only the texts of its bounded summary, and a summary that left nothing out already holds every text.
        var summary = pulse is null ? null : await closer.ReadSummaryAsync(pulse, wholeTexts: false, cancellationToken).ConfigureAwait(false);
        var texts = TextsOf(pulse, summary, template);
        var earlier = new List<(CompteRenduPulse Pulse, ExportedGrouping? Grouping)>();
        if (pulse is not null && summary is not null && rencontre is not null)
        {
            foreach (var other in await EarlierPulsesOfAsync(pulse, rencontre, cancellationToken).ConfigureAwait(false))
            {
                if (await closer.ReadSummaryAsync(other, wholeTexts: false, cancellationToken).ConfigureAwait(false) is { } otherSummary)
                {
                    var otherTemplate = PulseRecordTemplate.Of(other);
                    earlier.Add((
                        new CompteRenduPulse(LocalTime.In(otherSummary, zone), otherTemplate, TextsOf(other, otherSummary, otherTemplate)),
                        await GroupingOfAsync(other, otherSummary, closedVotes, cancellationToken).ConfigureAwait(false)));
                }
            }
        }

        var grouping = pulse is null || summary is null ? null : await GroupingOfAsync(pulse, summary, closedVotes, cancellationToken).ConfigureAwait(false);
        var nextSteps = rencontre is null || grant.RoadmapScopeId is null
            ? null
            : await NextStepsAsync(new CoordinatorScope(grant.ChannelId, grant.RoadmapScopeId), rencontre, cancellationToken).ConfigureAwait(false);
        CompteRenduInput InputIn(Language language) => new()
            {
                Summary = summary is null ? null : LocalTime.In(summary, zone),
                Template = summary is null ? null : template,
                Language = language,
                Title = pulse?.PlaceName ?? ExportWords.DefaultTitle.For(language),
                GeneratedAt = LocalTime.In(time.GetUtcNow(), zone),
                Votes = [.. closedVotes.Select(vote => ResultOf(vote, language, options.Value.MinimumGroupSize))],
                Rencontre = rencontre is null ? null : new CompteRenduRencontre(rencontre.Date, rencontre.Theme, rencontre.Intention),
                Texts = texts,
                EarlierPulses = [.. earlier.Select(e => e.Pulse with { ChangeGroups = e.Grouping?.In(language) })],
                NextSteps = nextSteps,
                ChangeGroups = grouping?.In(language),
            };
        // A bilingual conversation's compte-rendu is written in French, then in English.
        var markdown = language.Bilingual
            ? CompteRendu.BilingualMarkdownPartsAsync(InputIn, cancellationToken)
            : CompteRendu.MarkdownPartsAsync(InputIn(language.Language), cancellationToken);
        return new StreamedDownload(markdown.Select(part => Encoding.UTF8.GetBytes(part)), "text/markdown; charset=utf-8", name, grant.PulseId, logger);
    }

    /// <summary>
    /// Where a pulse's whole text lists are read while its compte-rendu is written: from its answer rows when its stored
    /// summary is the bounded one of a big table and its answers are still there; null when the summary holds every text.
    /// </summary>
    private AnswerTexts? TextsOf(PulseRecord? pulse, PulseSummary? summary, PulseTemplate template) =>
        pulse is { PurgedAt: null } && summary is not null && PulseSummaries.IsBounded(summary)
            ? new AnswerTexts(pulses, pulse, template, options.Value.MinimumGroupSize)
            : null;

    /// <summary>
    /// How the coordinator grouped <paramref name="pulse"/>'s changes (the changes round), with the vote the categories
    /// were put to when it is one of the report's closed votes and ranked them; null when nothing was ever put in a category. The changes
    /// are read from every text (the stored summary of a big table is bounded), none under the k rule.
    /// </summary>
    private async Task<ExportedGrouping?> GroupingOfAsync(PulseRecord pulse, PulseSummary summary, List<VoteRecord> closedVotes, CancellationToken cancellationToken)
    {
        if (await groupings.GetAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false) is not { Grouping: { Assignments.Count: > 0 } grouping })
        {
            return null;
        }

        var whole = summary.TextsWithheld || !PulseSummaries.IsBounded(summary)
            ? summary
            : await closer.ReadSummaryAsync(pulse, wholeTexts: true, cancellationToken).ConfigureAwait(false);
        // Pointed to only when the votes section ranks the categories: not when too few voted or nobody did.
        var vote = closedVotes.Find(v => v.VoteId == grouping.VoteId);
        var ranked = vote is not null && ResultOf(vote, Language.French, options.Value.MinimumGroupSize) is { WithheldBelow: null, Hidden: false, Participation: > 0 };
        return new ExportedGrouping(
            ChangeGroupings.Grouped(grouping, ChangeGroupings.Items(whole)),
            PulseCardRefresher.LanguageOf(pulse).Bilingual,
            ranked ? vote : null);
    }

    /// <summary>
    /// The other closed pulses of <paramref name="rencontre"/> opened before <paramref name="pulse"/>, oldest first (at
    /// most <see cref="MaxEarlierPulses"/>, the latest ones), so the rencontre's compte-rendu holds each of its pulses.
    /// </summary>
    private async Task<List<PulseRecord>> EarlierPulsesOfAsync(PulseRecord pulse, RencontreRecord rencontre, CancellationToken cancellationToken)
    {
        var found = new List<PulseRecord>();
        await foreach (var other in pulses.ListAsync(pulse.ChannelId, pulse.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            if (other.PulseId != pulse.PulseId && !other.IsOpen && other.RencontreId == rencontre.RencontreId && other.OpenedAt < pulse.OpenedAt)
            {
                found.Add(other);
            }
        }

        return [.. found.OrderBy(p => p.OpenedAt).TakeLast(MaxEarlierPulses)];
    }

    /// <summary>
    /// "Pistes d'action et suite" from the feuille de route: the changements added, and those changed otherwise, since
    /// <paramref name="rencontre"/> opened; and those reached since the previous rencontre of the conversation opened
    /// (since the feuille de route began when there is none). Read from the history's newest <see cref="MaxHistory"/> lines.
    /// </summary>
    private async Task<CompteRenduNextSteps> NextStepsAsync(CoordinatorScope scope, RencontreRecord rencontre, CancellationToken cancellationToken)
    {
        var plan = await roadmaps.GetAsync(scope, cancellationToken).ConfigureAwait(false);
        var history = await roadmaps.ListHistoryAsync(scope, MaxHistory, cancellationToken).ConfigureAwait(false);
        var previous = await rencontres.GetPreviousAsync(rencontre.ChannelId, rencontre.ConversationId, rencontre.OpenedAt, cancellationToken).ConfigureAwait(false);
        return CompteRenduNextSteps.From(plan, history, rencontre.OpenedAt, previous?.OpenedAt);
    }

    private static IResult LinkPage(int status) => Results.Content(ExportLinkPage.Html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The recorded result of a closed vote, ranked for the compte-rendu (and the dashboard), under the small-group rule as the final card.</summary>
    internal static VoteResultSummary ResultOf(VoteRecord vote, Language language, int minimumGroupSize)
    {
        var definition = VoteCardRefresher.DefinitionOf(vote, language);
        var scores = vote.FinalScores is { } recorded && recorded.Count == vote.Options.Count ? recorded : [.. vote.Options.Select(_ => 0)];
        return VoteTallies.ToResult(definition, VoteTallies.FromScores(definition, vote.FinalParticipation ?? 0, scores), minimumGroupSize);
    }

    /// <summary>
    /// The rencontre <paramref name="pulse"/> belongs to, read through the Rencontres store; null when the pulse opened
    /// outside any rencontre, or when its rencontre is no longer stored (the compte-rendu then keeps its general shape).
    /// </summary>
    private async Task<RencontreRecord?> RencontreOfAsync(PulseRecord? pulse, CancellationToken cancellationToken) =>
        pulse?.RencontreId is { Length: > 0 } rencontreId
            ? await rencontres.GetAsync(pulse.ChannelId, pulse.ConversationId, rencontreId, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// The votes of <paramref name="pulse"/>'s compte-rendu, with a recorded result (a closed vote whose result was never
    /// recorded gets it recorded first). For a pulse of a <paramref name="rencontre"/>: the closed votes of that same
    /// rencontre, whenever they closed (a vote opened before it, or in another one, is not its work). Otherwise the scope
    /// rule, so that no closed vote falls between two compte-rendus: the votes closed after the previous pulse of the
    /// conversation closed (every closed vote when the pulse is the first, or when there is no pulse). A vote closed
    /// between two pulses is thus in the next pulse's compte-rendu (and in the earlier one's when it is downloaded after
    /// that vote closed).
    /// </summary>
    private async Task<List<VoteRecord>> ClosedVotesAsync(
        string channelId, string conversationId, PulseRecord? pulse, RencontreRecord? rencontre, CancellationToken cancellationToken)
    {
        var after = rencontre is null ? await ScopeStartAsync(pulse, cancellationToken).ConfigureAwait(false) : null;
        var closed = new List<VoteRecord>();
        await foreach (var vote in votes.ListClosedAsync(channelId, conversationId, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false))
        {
            var outOfScope = rencontre is not null
                ? vote.RencontreId != rencontre.RencontreId
                : after is { } start && !(vote.ClosedAt > start);
            if (outOfScope)
            {
                continue;
            }

            var final = vote;
            if (vote.FinalScores is null && vote.PurgedAt is null && closed.Count < MaxVotesInReport)
            {
                // A close that never recorded its result (it failed part-way): finish it now rather than leave the vote out.
                await voteCloser.FinishAsync(vote, VoteCardRefresher.LanguageOf(vote), cancellationToken).ConfigureAwait(false);
                final = await votes.GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false) ?? vote;
            }

            if (final.FinalScores is not null && closed.Count < MaxVotesInReport)
            {
                closed.Add(final);
            }
        }

        return closed;
    }

    /// <summary>
    /// When the pulse's vote scope starts: the close of the pulse before it; null (every vote) for the first pulse or no
    /// pulse. For a link to a pulse that is no longer the latest, its opening (the pulse before it is not looked for).
    /// </summary>
    private async Task<DateTimeOffset?> ScopeStartAsync(PulseRecord? pulse, CancellationToken cancellationToken)
    {
        if (pulse is null)
        {
            return null;
        }

        var previous = await pulses.GetLatestAsync(pulse.ChannelId, pulse.ConversationId, closedOnly: true, exceptPulseId: pulse.PulseId, cancellationToken).ConfigureAwait(false);
        return previous is null ? null
            : previous.OpenedAt < pulse.OpenedAt ? previous.ClosedAt
            : pulse.OpenedAt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export links made for pulse {PulseId} of rencontre {RencontreId} and {VoteCount} vote(s)")]
    private static partial void LogExported(ILogger logger, string pulseId, string? rencontreId, int voteCount);
}

/// <summary>A pulse's grouping of its changes as read for its compte-rendu: read once, written in each language of the document.</summary>
internal sealed record ExportedGrouping(IReadOnlyList<GroupedChanges> Grouped, bool Bilingual, VoteRecord? RankingVote)
{
    public CompteRenduChangeGroups In(Language language) =>
        CompteRenduChangeGroups.Of(Grouped, Bilingual, language, RankingVote is null ? null : VoteCardRefresher.DefinitionOf(RankingVote, language).Question);
}
