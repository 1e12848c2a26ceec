using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Summary;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Rencontres;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using CsvHelper;

namespace ConcertationBot.Dialogs.Export;

/// <summary>
/// The compte-rendu, shaped like the tables' own meeting reports: title and date, participation, figures, per condition
/// "Freins" and "Leviers" lists, changes, vote results ranked. Markdown (LF line ends, UTF-8) and CSV (one row per
/// anonymous answer). Pure: every input is given.
/// </summary>
public static partial class CompteRendu
{
    private static Localized HiddenResults => VoteCardParts.HiddenUntilClose;

    /// <summary>The compte-rendu in Markdown (LF line ends). Every user text goes through <see cref="MarkdownText.Escape"/>.</summary>
    public static string Markdown(CompteRenduInput input) => string.Concat(MarkdownParts(input));

    /// <summary>
    /// <see cref="Markdown"/> in pieces of about <see cref="PartLength"/> characters, each cut at the end of a line
    /// (<see cref="MarkdownPartsAsync"/>, for an input whose lists are all in memory).
    /// </summary>
    public static IEnumerable<string> MarkdownParts(CompteRenduInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MarkdownPartsAsync(input, CancellationToken.None).ToBlockingEnumerable();
    }

    /// <summary>
    /// <see cref="Markdown"/> in pieces of about <see cref="PartLength"/> characters, each cut at the end of a line, made
    /// as they are asked for: the download is written piece by piece, never held whole. With
    /// <see cref="CompteRenduInput.Texts"/>, each text list is read when its section is written and let go after it.
    /// </summary>
    public static IAsyncEnumerable<string> MarkdownPartsAsync(CompteRenduInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MarkdownPartsOfAsync(input, cancellationToken);
    }

    /// <summary>
    /// The compte-rendu of a bilingual conversation: written whole in French, then whole in English after a rule
    /// (<c>---</c>), each from <paramref name="input"/> in its language; in pieces as <see cref="MarkdownPartsAsync"/>.
    /// </summary>
    public static async IAsyncEnumerable<string> BilingualMarkdownPartsAsync(Func<Language, CompteRenduInput> input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await foreach (var part in MarkdownPartsAsync(input(Language.French), cancellationToken).ConfigureAwait(false))
        {
            yield return part;
        }

        yield return BilingualRule;
        await foreach (var part in MarkdownPartsAsync(input(Language.English), cancellationToken).ConfigureAwait(false))
        {
            yield return part;
        }
    }

    /// <summary>Between the French and the English compte-rendu of a bilingual conversation.</summary>
    public const string BilingualRule = "\n---\n\n";

    /// <summary>The size of the pieces <see cref="MarkdownParts"/> and <see cref="CsvPartsAsync"/> give (characters, bytes).</summary>
    public const int PartLength = 16 * 1024;

    private static async IAsyncEnumerable<string> MarkdownPartsOfAsync(CompteRenduInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var language = input.Language;
        var md = new MarkdownWriter();
        if (input.Rencontre is { } rencontre)
        {
            // The seeds' own opening: "LA RENCONTRE DU 14 SEPTEMBRE", "Thématique : …", then the intention.
            md.Line(RencontreTitleLine.Format(language, MarkdownText.Escape(RencontreDates.Write(rencontre.Date, language))));
            md.Paragraph(ThemeLine.Format(language, MarkdownText.Escape(rencontre.Theme)));
            if (!string.IsNullOrWhiteSpace(rencontre.Intention))
            {
                md.Paragraph(IntentionLine.Format(language, MarkdownText.Escape(rencontre.Intention)));
            }
        }
        else
        {
            md.Line(TitleLine.Format(language, MarkdownText.Escape(input.Title)));
        }

        md.Blank();
        if (input.Summary is { } last)
        {
            // Each pulse of the rencontre, oldest first, the export's own (latest) pulse last; the generation date follows
            // the first pulse's line, so a single pulse reads exactly as before.
            var lastTemplate = input.Template ?? throw new ArgumentException("A summary needs its template.", nameof(input));
            CompteRenduPulse[] written = [.. input.EarlierPulses, new CompteRenduPulse(last, lastTemplate, input.Texts, input.ChangeGroups)];
            for (var i = 0; i < written.Length; i++)
            {
                var (summary, template, texts, groups) = written[i];
                if (i > 0)
                {
                    md.Line("---");
                    md.Blank();
                }

                md.Paragraph(PulseLine.Format(language,
                    MarkdownText.Escape(template.Title.For(language)),
                    MarkdownText.Escape(LowerFirst(SummaryWords.Period(summary.OpenedAt, summary.ClosedAt, language)))));
                if (i == 0)
                {
                    md.Paragraph(GeneratedLine.Format(language, SummaryWords.Date(input.GeneratedAt, language)));
                }

                md.Heading(2, ParticipationHeading.For(language));
                md.Paragraph(MarkdownText.Escape(SummaryWords.Participation(summary.AnswerCount, summary.MemberCount, language)) + ".");
                WriteProfiles(md, summary, language);
                await foreach (var _ in WritePulseAsync(md, written[i], language, cancellationToken).ConfigureAwait(false))
                {
                    if (md.Pending >= PartLength)
                    {
                        yield return md.Take();
                    }
                }
            }
        }
        else
        {
            md.Paragraph(GeneratedLine.Format(language, SummaryWords.Date(input.GeneratedAt, language)));
            md.Heading(2, ParticipationHeading.For(language));
            md.Paragraph(Emphasis(NoPulse.For(language)));
        }

        WriteVotes(md, input.Votes, language);
        if (input.Rencontre is not null)
        {
            // Empty until the feuille de route exists: what it gained or reached during the rencontre will go here.
            md.Heading(2, NextStepsHeading.For(language));
            if (input.NextSteps is { IsEmpty: false } steps)
            {
                WriteRoadmapItems(md, AddedHeading.For(language), steps.Added, language);
                WriteRoadmapItems(md, ChangedHeading.For(language), steps.Changed, language);
                WriteRoadmapItems(md, ReachedHeading.For(language), steps.Reached, language);
            }
            else
            {
                md.Paragraph(Emphasis(NextStepsPrompt.For(language)));
            }
        }

        yield return md.Finish();
    }

    /// <summary>
    /// One row per answer, columns named in <paramref name="language"/> after the template's steps (template order),
    /// sorted by content within each group of <see cref="CsvGroupSize"/> answers (<see cref="CsvPartsAsync"/>), so the
    /// order says nothing about who answered first. UTF-8 with BOM, CRLF, RFC 4180 quoting, separated by <c>;</c> in
    /// French (what a French spreadsheet opens in columns) and <c>,</c> in English; cells that a spreadsheet would read
    /// as a formula get a leading apostrophe. Choices and directions are words in <paramref name="language"/>. Under
    /// <paramref name="minimumGroupSize"/> answers (the k rule), no answer row: the header and a one-line note, as the
    /// summary card hides the distribution.
    /// </summary>
    public static byte[] Csv(PulseTemplate template, IReadOnlyList<IReadOnlyDictionary<string, object?>> answers, Language language, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        using var output = new MemoryStream();
        foreach (var part in CsvPartsAsync(template, answers.ToAsyncEnumerable(), language, minimumGroupSize, CancellationToken.None).ToBlockingEnumerable())
        {
            output.Write(part);
        }

        return output.ToArray();
    }

    /// <summary>One answer's cells, in the order of <see cref="Headers"/>.</summary>
    public static string[] CsvRow(PulseTemplate template, IReadOnlyDictionary<string, object?> fields, Language language)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        return [.. Row(template, PulseAnswerFields.FromFields(template, fields), language)];
    }

    /// <summary>
    /// How many answers the CSV sorts together (at least k): the rows are written as they are read, a group at a time,
    /// never all held. Answers are read in row-key order, the order of their keyed hashes (docs/privacy.md): sorting
    /// each group by content leaves nothing of that order inside a group, and a table of up to this many answers is
    /// sorted whole, as before the download was streamed.
    /// </summary>
    public const int CsvGroupSize = 100;

    /// <summary>
    /// <see cref="Csv"/> in pieces of about <see cref="PartLength"/> bytes (and one at the end of each group), made as
    /// <paramref name="answers"/> are read: the header and the first group once a group is read (or all the answers,
    /// fewer than a group, for the k rule), then each group, sorted by content, as soon as it is complete. Holds one
    /// group of cells and one piece, never the document.
    /// </summary>
    public static IAsyncEnumerable<byte[]> CsvPartsAsync(
        PulseTemplate template, IAsyncEnumerable<IReadOnlyDictionary<string, object?>> answers, Language language, int minimumGroupSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        return CsvPartsOfAsync(template, answers, language, minimumGroupSize, cancellationToken);
    }

    private static async IAsyncEnumerable<byte[]> CsvPartsOfAsync(
        PulseTemplate template, IAsyncEnumerable<IReadOnlyDictionary<string, object?>> answers, Language language, int minimumGroupSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = Headers(template, language);
        var options = CsvWriterOptions.Default with
        {
            Separator = CsvSeparator(language),
            WriteByteOrderMark = true,
            NewLine = "\r\n",
            Quoting = CsvQuoting.WhenNeededOrWhitespace,
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
        };
        var groupSize = Math.Max(CsvGroupSize, minimumGroupSize);
        var group = new List<string[]>(groupSize);
        var buffer = new MemoryStream();
        var started = false;
        using var csv = CsvWriter.Create(buffer, options, leaveOpen: true);
        await foreach (var fields in answers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            group.Add(CsvRow(template, fields, language));
            if (group.Count < groupSize)
            {
                continue;
            }

            if (!started)
            {
                csv.WriteHeader([.. columns]);
                started = true;
            }

            foreach (var part in WriteGroup(csv, buffer, group))
            {
                yield return part;
            }
        }

        if (!started)
        {
            // Fewer answers than a group, all read: the k rule can be told.
            csv.WriteHeader([.. columns]);
            if (group.Count < minimumGroupSize)
            {
                group = [SmallGroupRow(columns.Count, minimumGroupSize, language)];
            }
        }

        foreach (var part in WriteGroup(csv, buffer, group))
        {
            yield return part;
        }

        csv.Flush();
        if (buffer.Length > 0)
        {
            yield return buffer.ToArray();
        }
    }

    /// <summary>Writes <paramref name="group"/> sorted by content, giving the pieces as they fill, then the rest of the group; empties it.</summary>
    private static IEnumerable<byte[]> WriteGroup(CsvWriter csv, MemoryStream buffer, List<string[]> group)
    {
        group.Sort(RowComparer.Instance);
        foreach (var row in group)
        {
            csv.WriteRecord(row);
            csv.Flush();
            if (buffer.Length >= PartLength)
            {
                yield return buffer.ToArray();
                buffer.SetLength(0);
            }
        }

        group.Clear();
        csv.Flush();
        if (buffer.Length > 0)
        {
            yield return buffer.ToArray();
            buffer.SetLength(0);
        }
    }

    /// <summary>The CSV separator: <c>;</c> in French, <c>,</c> in English.</summary>
    public static char CsvSeparator(Language language) => language == Language.English ? ',' : ';';

    /// <summary>
    /// The CSV header in <paramref name="language"/>, one per column of <see cref="Columns"/>: the step's title, with
    /// " — frein" / " — levier" (" — barrier" / " — lever"), " — je ne sais pas", " — texte", " — sens" where a step has two.
    /// </summary>
    public static IReadOnlyList<string> Headers(PulseTemplate template, Language language)
    {
        ArgumentNullException.ThrowIfNull(template);
        var headers = new List<string>();
        foreach (var step in template.Steps)
        {
            var title = step.Title.For(language);
            string Part(Localized part) => title + " — " + part.For(language);
            switch (step)
            {
                case RatingStep rating:
                    headers.Add(title);
                    if (rating.AllowDontKnow)
                    {
                        headers.Add(Part(DontKnowColumn));
                    }

                    break;
                case ChoiceStep:
                    headers.Add(title);
                    break;
                case ChangeStep:
                    headers.Add(Part(TextColumn));
                    headers.Add(Part(DirectionColumn));
                    break;
                case DeepeningStep deepening:
                    // Its title is made for cards (the category's name inert); the CSV shows the name as typed.
                    var plain = DeepeningTemplate.PlainTitle(deepening.Category, language);
                    headers.Add(plain + " — " + FacilitantColumn.For(language));
                    headers.Add(plain + " — " + EcueilColumn.For(language));
                    headers.Add(plain + " — " + SouhaitColumn.For(language));
                    break;
                default:
                    headers.Add(Part(FreinColumn));
                    headers.Add(Part(LevierColumn));
                    break;
            }
        }

        return headers;
    }

    private static string[] SmallGroupRow(int columns, int minimumGroupSize, Language language)
    {
        var row = new string[columns];
        Array.Fill(row, string.Empty);
        row[0] = SmallGroupNote.Format(language, minimumGroupSize.ToString(CultureInfo.InvariantCulture));
        return row;
    }

    /// <summary>The stored field names in template order (the columns of <see cref="Headers"/>).</summary>
    public static IReadOnlyList<string> Columns(PulseTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var columns = new List<string>();
        foreach (var step in template.Steps)
        {
            switch (step)
            {
                case RatingStep rating:
                    columns.Add(step.Id);
                    if (rating.AllowDontKnow)
                    {
                        columns.Add(step.Id + PulseAnswerFields.DontKnowSuffix);
                    }

                    break;
                case ChoiceStep:
                    columns.Add(step.Id);
                    break;
                case ChangeStep:
                    columns.Add(step.Id + PulseAnswerFields.TextSuffix);
                    columns.Add(step.Id + PulseAnswerFields.DirectionSuffix);
                    break;
                case DeepeningStep:
                    columns.Add(step.Id + PulseAnswerFields.FacilitantSuffix);
                    columns.Add(step.Id + PulseAnswerFields.EcueilSuffix);
                    columns.Add(step.Id + PulseAnswerFields.SouhaitSuffix);
                    break;
                default:
                    columns.Add(step.Id + PulseAnswerFields.FreinSuffix);
                    columns.Add(step.Id + PulseAnswerFields.LevierSuffix);
                    break;
            }
        }

        return columns;
    }

    private static List<string> Row(PulseTemplate template, IReadOnlyDictionary<string, StepAnswer> answers, Language language)
    {
        var row = new List<string>();
        foreach (var step in template.Steps)
        {
            var answer = answers.GetValueOrDefault(step.Id);
            switch (step)
            {
                case RatingStep rating:
                    row.Add(answer?.Rating is { } value && !answer.DontKnow ? value.ToString(CultureInfo.InvariantCulture) : string.Empty);
                    if (rating.AllowDontKnow)
                    {
                        row.Add(answer?.DontKnow == true ? Yes.For(language) : string.Empty);
                    }

                    break;
                case ChoiceStep choice:
                    row.Add(answer?.Choice is { } id ? choice.Find(id)?.Label.For(language) ?? id : string.Empty);
                    break;
                case ChangeStep:
                    row.Add(answer?.Text ?? string.Empty);
                    row.Add(answer?.Direction switch
                    {
                        "positive" => PositiveValue.For(language),
                        "negative" => NegativeValue.For(language),
                        { } other => other,
                        null => string.Empty,
                    });
                    break;
                case DeepeningStep:
                    row.Add(answer?.Facilitant ?? string.Empty);
                    row.Add(answer?.Ecueil ?? string.Empty);
                    row.Add(answer?.Souhait ?? string.Empty);
                    break;
                default:
                    row.Add(answer?.Frein ?? string.Empty);
                    row.Add(answer?.Levier ?? string.Empty);
                    break;
            }
        }

        return row;
    }

    /// <summary>
    /// Writes the pulse's part; yields after each block so the caller can pass on what is written. With the pulse's
    /// <see cref="CompteRenduPulse.Texts"/>, each list is read from it when its section comes (the summary's own lists are
    /// bounded); its <see cref="CompteRenduPulse.ChangeGroups"/> follow its changes.
    /// </summary>
    private static async IAsyncEnumerable<bool> WritePulseAsync(
        MarkdownWriter md, CompteRenduPulse pulse, Language language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (summary, template, texts, groups) = pulse;
        var conditionsWritten = false;
        var deepeningWritten = false;
        foreach (var step in template.Steps)
        {
            switch (step)
            {
                case DeepeningStep deepeningStep when summary.Deepenings.FirstOrDefault(d => d.StepId == step.Id) is { } deepening:
                    // "Approfondissement des changements": each category with its facilitants, écueils and souhaits, under the k rule.
                    if (!deepeningWritten)
                    {
                        md.Heading(2, SummaryWords.DeepeningTitle.For(language));
                        deepeningWritten = true;
                        if (summary.TextsWithheld)
                        {
                            md.Paragraph(Emphasis(SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language)));
                        }
                    }

                    if (summary.TextsWithheld)
                    {
                        break;
                    }

                    md.Heading(3, BilingualText.For(deepeningStep.Category, language));
                    foreach (var list in (DeepeningTextList[])[DeepeningTextList.Facilitants, DeepeningTextList.Ecueils, DeepeningTextList.Souhaits])
                    {
                        // One list at a time, as for the conditions: the facilitants are written and let go before the écueils are read.
                        var read = texts is null ? deepening : await texts.DeepeningAsync(step.Id, list, cancellationToken).ConfigureAwait(false);
                        foreach (var written in WriteList(md, PulseSummaries.DeepeningLists(read, language)[(int)list], language))
                        {
                            yield return written;
                        }
                    }

                    break;
                case RatingStep rating when summary.Ratings.FirstOrDefault(r => r.StepId == step.Id) is { } figures:
                    WriteRating(md, rating, figures, summary.MinimumGroupSize, language);
                    WriteRoleGroups(md, rating, summary, language);
                    break;
                case ChoiceStep choice when summary.Choices.FirstOrDefault(c => c.StepId == step.Id) is { } figures:
                    WriteChoice(md, choice, figures, summary.MinimumGroupSize, language);
                    break;
                case ChangeStep when summary.Changes.FirstOrDefault(c => c.StepId == step.Id) is { } changes:
                    md.Heading(2, SummaryWords.ChangesTitle.For(language));
                    if (!summary.TextsWithheld && texts is not null)
                    {
                        changes = await texts.ChangesAsync(step.Id, cancellationToken).ConfigureAwait(false);
                    }

                    var lists = summary.TextsWithheld ? [] : PulseSummaries.ChangeLists(changes, language);
                    if (lists.Count == 0)
                    {
                        md.Paragraph(Emphasis(summary.TextsWithheld
                            ? SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language)
                            : SummaryWords.NoChange.For(language)));
                    }

                    foreach (var list in lists)
                    {
                        foreach (var written in WriteList(md, list, language))
                        {
                            yield return written;
                        }
                    }

                    // The grouping follows the changes it groups, once (a template with two change steps has one grouping).
                    foreach (var written in WriteChangeGroups(md, groups, summary, language))
                    {
                        yield return written;
                    }

                    groups = null;
                    break;
                case FreinLevierStep when summary.FreinsLeviers.FirstOrDefault(f => f.StepId == step.Id) is { } conditionTexts:
                    if (!conditionsWritten)
                    {
                        md.Heading(2, ConditionsHeading.For(language));
                        conditionsWritten = true;
                        if (summary.TextsWithheld)
                        {
                            md.Paragraph(Emphasis(SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language)));
                        }
                    }

                    if (summary.TextsWithheld)
                    {
                        break;
                    }

                    md.Heading(3, step.Title.For(language));
                    if (step is FreinLevierStep { Definition: { } definition })
                    {
                        md.Paragraph(Emphasis(definition.For(language)));
                    }

                    foreach (var leviers in (bool[])[false, true])
                    {
                        // One list at a time: the freins are written and let go before the leviers are read.
                        var read = texts is null ? conditionTexts : await texts.ConditionAsync(step.Id, leviers, cancellationToken).ConfigureAwait(false);
                        foreach (var written in WriteList(md, PulseSummaries.ConditionLists(read, language)[leviers ? 1 : 0], language))
                        {
                            yield return written;
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// "Regroupement des changements" (the changes round): a line pointing to the vote that ranked the categories, then
    /// each category with how many changes it holds (positive and negative ones counted) and its changes, listed as the
    /// changes are. Under k answers, the heading and the small-group line only: no category, no count, no text.
    /// </summary>
    private static IEnumerable<bool> WriteChangeGroups(MarkdownWriter md, CompteRenduChangeGroups? groups, PulseSummary summary, Language language)
    {
        if (groups is null)
        {
            yield break;
        }

        md.Heading(2, GroupingHeading.For(language));
        if (summary.TextsWithheld)
        {
            md.Paragraph(Emphasis(SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language)));
            yield break;
        }

        if (groups.VoteQuestion is { } question)
        {
            md.Paragraph(Emphasis(GroupingVotedLine.Format(language, question)));
        }

        if (groups.Categories.Count == 0)
        {
            md.Paragraph(Emphasis(SummaryWords.NoChange.For(language)));
        }

        foreach (var category in groups.Categories)
        {
            md.Heading(3, category.Name);
            md.Paragraph(MarkdownText.Escape(CategoryCount(category, language)));
            foreach (var list in PulseSummaries.ChangeLists(new ChangeSummary(string.Empty, category.Changes), language))
            {
                foreach (var written in WriteList(md, list, language))
                {
                    yield return written;
                }
            }
        }
    }

    /// <summary>"3 changements (2 positifs, 1 négatif)." — the tones counted when any change has one.</summary>
    private static string CategoryCount(CompteRenduChangeCategory category, Language language)
    {
        var positive = category.Changes.Count(c => c.Direction == ChangeDirection.Positive);
        var negative = category.Changes.Count(c => c.Direction == ChangeDirection.Negative);
        var tones = new List<string>();
        if (positive > 0)
        {
            tones.Add(SummaryWords.Count(positive, PositiveValue, PositivePlural, language));
        }

        if (negative > 0)
        {
            tones.Add(SummaryWords.Count(negative, NegativeValue, NegativePlural, language));
        }

        var count = ChangeGroupingCard.CountText(language, category.Changes.Count);
        return (tones.Count == 0 ? count : count + " (" + string.Join(", ", tones) + ")") + ".";
    }

    private static void WriteRating(MarkdownWriter md, RatingStep step, RatingSummary figures, int k, Language language)
    {
        md.Heading(2, step.Title.For(language));
        md.Paragraph(Emphasis(step.Prompt.For(language)));
        if (figures.Suppressed || figures.Distribution is null || figures.Mean is null || figures.Spread is null)
        {
            md.Paragraph(Emphasis(SummaryWords.SuppressedText(k, language)));
            if (figures.DontKnowCount > 0)
            {
                md.Paragraph(MarkdownText.Escape(SummaryWords.LabelledCount(SummaryWords.DontKnow.For(language), figures.DontKnowCount, language)));
            }

            return;
        }

        var rows = figures.Distribution
            .Select((count, i) => SummaryWords.LabelledCount(PulseSummaries.RatingLabel(step, figures.Min + i, language), count, language))
            .ToList();
        if (step.AllowDontKnow || figures.DontKnowCount > 0)
        {
            rows.Add(SummaryWords.LabelledCount(SummaryWords.DontKnow.For(language), figures.DontKnowCount, language));
        }

        md.Bullets(rows.Select(MarkdownText.Escape));
        md.Paragraph(Strong(SummaryWords.MeanAndSpread(figures.Mean.Value, figures.Max, figures.Spread.Value, language)));
        if (figures.Trend is { } trend)
        {
            md.Paragraph(MarkdownText.Escape(SummaryWords.MeanTrend(trend, language)));
        }
    }

    /// <summary>
    /// Role clarity by role group (direction / coordination, équipe terrain), as on the summary card: only when the summary
    /// kept it, that is when every group reached k ratings; otherwise nothing, so nothing hints at a smaller group.
    /// </summary>
    private static void WriteRoleGroups(MarkdownWriter md, RatingStep step, PulseSummary summary, Language language)
    {
        if (step.Id != PulseSummaries.RoleClarityStepId
            || PulseSummaries.DescribeRoles(summary.RoleClarityByRole, step, language) is not { Count: > 0 } groups)
        {
            return;
        }

        md.Paragraph(MarkdownText.Escape(RoleGroupsTitle.For(language)));
        md.Bullets(groups.Select(g => ProfileLine.Format(language, MarkdownText.Escape(g.Group), MarkdownText.Escape(g.Figure))));
    }

    /// <summary>One list of "Pistes d'action et suite": "Court terme — text (en cours)" per changement; nothing when empty.</summary>
    private static void WriteRoadmapItems(MarkdownWriter md, string heading, IReadOnlyList<CompteRenduRoadmapItem> items, Language language)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.Heading(3, heading);
        md.Bullets(items.Select(item => RoadmapItemLine.Format(language,
            HorizonWords(item.Horizon).For(language),
            MarkdownText.Escape(item.Text),
            StatusWords(item.Status).For(language))));
    }

    private static Localized HorizonWords(string horizon) => horizon switch
    {
        "Moyen" => MediumTerm,
        "Long" => LongTerm,
        _ => ShortTerm,
    };

    private static Localized StatusWords(string status) => status switch
    {
        "EnCours" => StatusInProgress,
        "Atteint" => StatusReached,
        "Abandonne" => StatusDropped,
        _ => StatusToCome,
    };

    private static void WriteChoice(MarkdownWriter md, ChoiceStep step, ChoiceSummary figures, int k, Language language)
    {
        md.Heading(2, step.Title.For(language));
        if (figures.Suppressed || figures.Distribution is null || figures.MedianOptionId is null)
        {
            md.Paragraph(Emphasis(SummaryWords.SuppressedText(k, language)));
            return;
        }

        md.Bullets(figures.Distribution.Select(c =>
            MarkdownText.Escape(SummaryWords.LabelledCount(PulseSummaries.OptionLabel(step, c.OptionId, language), c.Count, language))));
        md.Paragraph(Strong(SummaryWords.Median(PulseSummaries.OptionLabel(step, figures.MedianOptionId, language), language)));
        if (figures.Trend is { } trend)
        {
            md.Paragraph(MarkdownText.Escape(PulseSummaries.LevelTrend(step, trend, language)));
        }
    }

    /// <summary>Writes one list; yields after each item, so a list of a big table is passed on as it is written.</summary>
    private static IEnumerable<bool> WriteList(MarkdownWriter md, SummaryList list, Language language)
    {
        md.Paragraph(Strong(list.Heading));
        if (list.Items.Count == 0 && list.HiddenItems == 0)
        {
            md.Paragraph(Emphasis(list.EmptyText));
            yield break;
        }

        md.Blank();
        foreach (var item in list.Items)
        {
            md.Line("- " + MarkdownText.Escape(item.Text) + (item.Count > 1 ? " (×" + item.Count.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty));
            yield return true;
        }

        md.Blank();
        if (list.HiddenItems > 0)
        {
            // Only a pulse whose answers were deleted: its bounded summary kept the texts its card showed.
            md.Paragraph(Emphasis(DeletedTexts.Format(language, list.HiddenItems.ToString(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>
    /// The balance of participation by declared profile, as on the summary card: answered / members per category, a cell
    /// under k as "moins de 3". Nothing when the pulse's summary keeps no profile (none declared, or not chosen).
    /// </summary>
    private static void WriteProfiles(MarkdownWriter md, PulseSummary summary, Language language)
    {
        var lines = PulseSummaries.DescribeProfiles(summary, language);
        if (lines.Count == 0)
        {
            return;
        }

        md.Paragraph(MarkdownText.Escape(SummaryWords.ProfilesTitle.For(language)));
        md.Bullets(lines.Select(line => ProfileLine.Format(language, MarkdownText.Escape(line.Profile), MarkdownText.Escape(line.Cell))));
    }

    private static void WriteVotes(MarkdownWriter md, IReadOnlyList<VoteResultSummary> votes, Language language)
    {
        md.Heading(2, VotesHeading.For(language));
        if (votes.Count == 0)
        {
            md.Paragraph(Emphasis(NoVote.For(language)));
            return;
        }

        foreach (var vote in votes)
        {
            md.Heading(3, vote.Question);
            md.Paragraph(vote.Participation <= 0
                ? MarkdownText.Escape(NoVote.For(language))
                : MarkdownText.Escape(SummaryWords.Count(vote.Participation, new("votant", "voter"), new("votants", "voters"), language)) + ".");
            if (vote.Hidden)
            {
                md.Paragraph(Emphasis(HiddenResults.For(language) + "."));
                md.Bullets(vote.RankedOptions.Select(o => MarkdownText.Escape(o.Option)));
                continue;
            }

            if (vote.WithheldBelow is { } minimum)
            {
                // The small-group rule, as on the final card: how many voted, the options, no ranking and no score.
                md.Paragraph(Emphasis(VoteCardParts.NotEnoughVotes.Format(language, minimum.ToString(CultureInfo.InvariantCulture))));
                md.Bullets(vote.RankedOptions.Select(o => MarkdownText.Escape(o.Option)));
                continue;
            }

            if (vote.Participation <= 0)
            {
                // Nothing to rank: the options as asked, not "1. … — 0 voix (ex æquo)" each.
                md.Bullets(vote.RankedOptions.Select(o => MarkdownText.Escape(o.Option)));
                continue;
            }

            md.Bullets(vote.RankedOptions.Select(o =>
                "**" + o.Rank.ToString(CultureInfo.InvariantCulture) + ".** " + MarkdownText.Escape(o.Option)
                + " — " + MarkdownText.Escape(Score(o.Score, vote.Unit, language))
                + (o.Tied ? " (" + Tied.For(language) + ")" : string.Empty)));
        }
    }

    private static string Score(int score, VoteScoreUnit unit, Language language) => unit == VoteScoreUnit.Points
        ? SummaryWords.Count(score, new("point", "point"), new("points", "points"), language)
        : SummaryWords.Count(score, new("voix", "vote"), new("voix", "votes"), language);

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static string Emphasis(string text) => "*" + MarkdownText.Escape(text) + "*";

    private static string Strong(string text) => "**" + MarkdownText.Escape(text) + "**";

    /// <summary>
    /// Blocks separated by one blank line; LF line ends; exactly one newline at the end. What is written can be taken
    /// out in pieces (<see cref="Take"/>): the line ends still owed are kept back until the next line, so the pieces
    /// join into the same text as one whole.
    /// </summary>
    private sealed class MarkdownWriter
    {
        private readonly StringBuilder _text = new();
        private bool _started;
        private int _newlines;

        /// <summary>Characters written and not taken yet.</summary>
        public int Pending => _text.Length;

        public void Line(string line)
        {
            var content = line.TrimEnd('\n');
            if (content.Length == 0)
            {
                _newlines += line.Length + 1;
                return;
            }

            _text.Append('\n', _newlines).Append(content);
            _started = true;
            _newlines = line.Length - content.Length + 1;
        }

        public void Blank()
        {
            if ((_started || _newlines > 0) && _newlines < 2)
            {
                _newlines++;
            }
        }

        public void Heading(int level, string text)
        {
            Blank();
            Line(new string('#', level) + " " + MarkdownText.Escape(text));
            Blank();
        }

        public void Paragraph(string markdown)
        {
            Blank();
            Line(markdown);
            Blank();
        }

        public void Bullets(IEnumerable<string> items)
        {
            Blank();
            foreach (var item in items)
            {
                Line("- " + item);
            }

            Blank();
        }

        /// <summary>What was written since the last take (line ends still owed stay back).</summary>
        public string Take()
        {
            var part = _text.ToString();
            _text.Clear();
            return part;
        }

        /// <summary>The rest, with exactly one newline at the end.</summary>
        public string Finish() => Take() + "\n";
    }

    /// <summary>Orders rows cell by cell, ordinally.</summary>
    private sealed class RowComparer : IComparer<string[]>
    {
        public static readonly RowComparer Instance = new();

        public int Compare(string[]? x, string[]? y)
        {
            if (x is null || y is null)
            {
                return (x is null).CompareTo(y is null);
            }

            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
