using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards.Export;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Exports;

/// <summary>
/// <c>export</c>: a compte-rendu card with two signed, expiring download links (Markdown and CSV) for the last
/// pulse of the conversation and the votes closed since it opened (or every closed vote when there is no pulse),
/// and the endpoint that serves them.
/// </summary>
public sealed partial class PulseExport(
    CoordinatorGate gate,
    IPulseStore pulses,
    IVoteStore votes,
    IBotStateStore state,
    PulseCloser closer,
    VoteCloser voteCloser,
    ExportLinks links,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseExport> logger)
{
    private const int MaxVotesInReport = 50;

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
        var closedVotes = await ClosedVotesAsync(channelId, conversationId, pulse, cancellationToken).ConfigureAwait(false);
        if (pulse is null && closedVotes.Count == 0)
        {
            await context.SendCardAsync(PulseCoordinationCards.NoOpenPulse(context.Language), cancellationToken).ConfigureAwait(false);
            return;
        }

        var baseUri = options.Value.PublicBaseUrl ?? context.RequestBaseUri
            ?? throw new InvalidOperationException("Set Concertation:PublicBaseUrl: the bot does not know its own address.");
        if (!baseUri.AbsoluteUri.EndsWith('/'))
        {
            baseUri = new Uri(baseUri.AbsoluteUri + "/");
        }

        var grant = links.GrantFor(channelId, conversationId, pulse?.PulseId ?? ExportGrant.VotesOnly, context.TimeZone);
        var token = links.CreateToken(grant);
        var answers = pulse is null ? 0 : await pulses.CountAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var from = pulse?.OpenedAt ?? closedVotes[0].OpenedAt;
        var to = pulse is null ? closedVotes[^1].ClosedAt ?? time.GetUtcNow() : pulse.ClosedAt ?? time.GetUtcNow();
        var zone = pulse?.TimeZone ?? context.TimeZone;
        LogExported(logger, grant.PulseId, closedVotes.Count);
        await context.SendCardAsync(
            ExportCard.Build(new ExportCardModel
            {
                Language = context.Language,
                Title = pulse?.PlaceName ?? ExportWords.DefaultTitle.For(context.Language),
                PulsePeriod = SummaryWords.Period(LocalTime.In(from, zone), LocalTime.In(to, zone), context.Language),
                AnswerCount = answers,
                VoteCount = closedVotes.Count,
                MarkdownUrl = ExportLinks.Link(baseUri, token, ExportLinks.MarkdownFile),
                CsvUrl = ExportLinks.Link(baseUri, token, ExportLinks.CsvFile),
                ExpiresText = DeadlineText.Format(grant.ExpiresAt, context.TimeZone, context.Language),
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /exports/{token}/{file}</c>: 403 for a bad or expired link, 404 for an unknown file or pulse.</summary>
    public async Task<IResult> DownloadAsync(string token, string file, CancellationToken cancellationToken)
    {
        if (links.Verify(token) is not { } grant)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (file is not (ExportLinks.MarkdownFile or ExportLinks.CsvFile))
        {
            return Results.NotFound();
        }

        var pulse = grant.PulseId == ExportGrant.VotesOnly
            ? null
            : await pulses.GetAsync(grant.ChannelId, grant.ConversationId, grant.PulseId, cancellationToken).ConfigureAwait(false);
        var closedVotes = await ClosedVotesAsync(grant.ChannelId, grant.ConversationId, pulse, cancellationToken).ConfigureAwait(false);
        if (pulse is null && (grant.PulseId != ExportGrant.VotesOnly || closedVotes.Count == 0))
        {
            return Results.NotFound();
        }

        var language = pulse is not null ? PulseCardRefresher.LanguageOf(pulse) : VoteCardRefresher.LanguageOf(closedVotes[^1]);
        var template = PulseTemplates.Default;
        var zone = pulse?.TimeZone ?? grant.TimeZone;
        var name = ExportLinks.DownloadName(file, LocalTime.In(pulse?.ClosedAt ?? closedVotes.LastOrDefault()?.ClosedAt ?? time.GetUtcNow(), zone));
        if (file == ExportLinks.CsvFile)
        {
            var answers = new List<IReadOnlyDictionary<string, object?>>();
            if (pulse is not null)
            {
                await foreach (var row in pulses.ReadAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false))
                {
                    answers.Add(row.Fields);
                }
            }

            return Results.File(CompteRendu.Csv(template, answers, language, options.Value.MinimumGroupSize), "text/csv; charset=utf-8", name);
        }

        var summary = pulse is null
            ? null
            : (await state.ReadAsync(PulseStateKeys.Summary(pulse.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value
                ?? await closer.SummarizeAsync(pulse, cancellationToken).ConfigureAwait(false);
        var markdown = CompteRendu.Markdown(new CompteRenduInput
        {
            Summary = summary is null ? null : LocalTime.In(summary, zone),
            Template = summary is null ? null : template,
            Language = language,
            Title = pulse?.PlaceName ?? ExportWords.DefaultTitle.For(language),
            GeneratedAt = LocalTime.In(time.GetUtcNow(), zone),
            Votes = [.. closedVotes.Select(ResultOf)],
        });
        return Results.File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", name);
    }

    /// <summary>The recorded result of a closed vote, ranked for the compte-rendu.</summary>
    private static VoteResultSummary ResultOf(VoteRecord vote)
    {
        var definition = VoteCardRefresher.DefinitionOf(vote);
        var scores = vote.FinalScores is { } recorded && recorded.Count == vote.Options.Count ? recorded : [.. vote.Options.Select(_ => 0)];
        return VoteTallies.ToResult(definition, VoteTallies.FromScores(definition, vote.FinalParticipation ?? 0, scores));
    }

    /// <summary>
    /// Votes closed in the conversation since the pulse opened (all of them without a pulse), with a recorded result; a
    /// closed vote whose result was never recorded gets it recorded first.
    /// </summary>
    private async Task<List<VoteRecord>> ClosedVotesAsync(string channelId, string conversationId, PulseRecord? pulse, CancellationToken cancellationToken)
    {
        var closed = new List<VoteRecord>();
        await foreach (var vote in votes.ListClosedAsync(channelId, conversationId, pulse?.OpenedAt ?? DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false))
        {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Export links made for pulse {PulseId} and {VoteCount} vote(s)")]
    private static partial void LogExported(ILogger logger, string pulseId, int voteCount);
}
