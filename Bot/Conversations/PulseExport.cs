using ConcertationBot.Bot.Concertation;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Export;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Conversations;

/// <summary>
/// <c>export</c>: a compte-rendu card with two signed, expiring download links (Markdown and CSV) for the last
/// pulse of the conversation, and the endpoint that serves them.
/// </summary>
public sealed partial class PulseExport(
    CoordinatorGate gate,
    IPulseStore pulses,
    IBotStateStore state,
    PulseCloser closer,
    ExportLinks links,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseExport> logger)
{
    public static readonly Localized ExportCommand = new("export", "export");

    private static readonly Localized DefaultTitle = new("Table de quartier", "Round table");

    public async Task ExportAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, ExportCommand, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var channelId = context.Activity.ChannelId!;
        var pulse = await pulses.GetLatestAsync(channelId, context.Activity.Conversation!.Id!, closedOnly: false, exceptPulseId: null, cancellationToken).ConfigureAwait(false);
        if (pulse is null)
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

        var grant = links.GrantFor(channelId, pulse.ConversationId, pulse.PulseId);
        var token = links.CreateToken(grant);
        var answers = await pulses.CountAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        LogExported(logger, pulse.PulseId);
        await context.SendCardAsync(
            ExportCard.Build(new ExportCardModel
            {
                Language = context.Language,
                Title = pulse.PlaceName ?? DefaultTitle.For(context.Language),
                PulsePeriod = SummaryWords.Period(pulse.OpenedAt, pulse.ClosedAt ?? time.GetUtcNow(), context.Language),
                AnswerCount = answers,
                VoteCount = 0,
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

        if (file is not (ExportLinks.MarkdownFile or ExportLinks.CsvFile)
            || await pulses.GetAsync(grant.ChannelId, grant.ConversationId, grant.PulseId, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return Results.NotFound();
        }

        var language = PulseCardRefresher.LanguageOf(pulse);
        var template = PulseTemplates.Default;
        var name = ExportLinks.DownloadName(file, pulse.ClosedAt ?? time.GetUtcNow());
        if (file == ExportLinks.CsvFile)
        {
            var answers = new List<IReadOnlyDictionary<string, object?>>();
            await foreach (var row in pulses.ReadAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false))
            {
                answers.Add(row.Fields);
            }

            return Results.File(CompteRendu.Csv(template, answers, language), "text/csv; charset=utf-8", name);
        }

        var summary = (await state.ReadAsync(PulseStateKeys.Summary(pulse.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value
            ?? await closer.SummarizeAsync(pulse, cancellationToken).ConfigureAwait(false);
        var markdown = CompteRendu.Markdown(new CompteRenduInput
        {
            Summary = summary,
            Template = template,
            Language = language,
            Title = pulse.PlaceName ?? DefaultTitle.For(language),
            GeneratedAt = time.GetUtcNow(),
        });
        return Results.File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export links made for pulse {PulseId}")]
    private static partial void LogExported(ILogger logger, string pulseId);
}
