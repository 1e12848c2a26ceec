using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;

namespace ConcertationBot.Cards.Votes;

/// <summary>
/// The vote card: the shared card in the conversation (participation and a text bar per option, updated live), the
/// closed card (the final ranking, ties as ties), and one voter's own view confirming their ballot.
/// Bars are text (block characters): they read the same in Teams on a phone, on the desktop and in the Playground.
/// User text (question, options) goes only into escaped <see cref="TextBlock"/>s or plain <see cref="TextRun"/>s.
/// </summary>
public static partial class VoteCard
{
    /// <summary>The most characters an option's button shows; a longer option is cut with "…" (the list above shows it whole).</summary>
    public const int ButtonTitleLength = 40;

    /// <summary>Marks the voter's own choice on its button.</summary>
    private const string ChosenMark = "✓ ";

    /// <summary>The line that heads a voter's own view of an open vote: their ballot is stored.</summary>
    public static string RecordedLine(Language language) => Recorded.For(language);

    public static AdaptiveCard Build(VoteCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement>();
        if (!string.IsNullOrWhiteSpace(model.Notice))
        {
            body.Add(new TextBlock { Text = model.Notice, Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        var question = CardText.Inert(model.Question);
        if (model.IsClosed)
        {
            body.Add(CardBlocks.Heading(ResultsHeading.For(language)));
            body.Add(new TextBlock { Text = question, Size = TextSize.Medium, Weight = TextWeight.Bolder, Spacing = CardSpacing.Small });
        }
        else
        {
            body.Add(VoteCardParts.Kicker(Kicker.For(language)));
            body.Add(CardBlocks.Heading(question, TextSize.Medium));
        }

        body.Add(new TextBlock { Text = VoteCardParts.Rules(language, model.IsClosed ? model.Rules with { HiddenResults = false } : model.Rules), Spacing = CardSpacing.Small, IsSubtle = true });
        body.Add(new TextBlock
        {
            Text = VoteCardParts.Participation(language, model.Participation, model.IsClosed),
            Spacing = CardSpacing.Small,
            Weight = TextWeight.Bolder,
        });

        // The small-group rule: under k ballots, participation only (the options in the vote's order, no score, no rank).
        var withheld = model.WithheldBelow is not null;
        if (model.WithheldBelow is { } minimumBallots && (model.IsClosed || !model.Rules.HiddenResults))
        {
            body.Add(new TextBlock { Text = VoteCardParts.Withheld(language, minimumBallots, model.IsClosed), Spacing = CardSpacing.Small, IsSubtle = true });
        }

        // A vote closed without a single ballot has no ranking: "Aucun vote" and the options, not "1. (ex æquo) 0" each.
        var unranked = model.IsClosed && (model.Participation <= 0 || withheld);
        var showScores = (model.IsClosed || !model.Rules.HiddenResults) && !unranked && !withheld;
        var total = model.Rules.Mode == VoteCardMode.Points ? model.Options.Sum(o => Math.Max(0, o.Score)) : model.Participation;
        body.Add(new Container
        {
            Separator = true,
            Spacing = CardSpacing.Medium,
            Items = [.. model.Options.Select(o => Option(language, model, o, showScores, unranked, total))],
        });
        if (showScores && model.Participation > 0 && VoteCardParts.SharesNote(language, model.Rules, model.IsClosed) is { } sharesNote)
        {
            // Top-N shares are of voters, so they add up to more than 100 %: say so under the bars.
            body.Add(new TextBlock { Text = sharesNote, Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Small });
        }

        var oneClick = !model.IsClosed && model.Rules.Mode == VoteCardMode.Single;
        if (oneClick)
        {
            body.AddRange(OptionButtons(language, model));
        }

        if (model.YourBallot is { } ballot)
        {
            body.Add(Ballot(language, model.Rules.Mode, ballot, model.IsClosed));
        }
        else if (!model.IsClosed)
        {
            body.Add(new TextBlock { Text = Anonymous.For(language), Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Medium });
        }

        return new AdaptiveCard
        {
            FallbackText = (model.IsClosed ? ResultsHeading.For(language) + " — " : string.Empty) + model.Question,
            Body = body,
            Actions = model.IsClosed
                ? (unranked ? null : [AddToRoadmapAction(language, model.VoteId)])
                : [new ExecuteAction
                {
                    // Single choice votes from the option buttons: this one opens the ballot (to see or change it).
                    Title = (model.YourBallot is not null ? ChangeVote : oneClick ? MyBallot : Vote).For(language),
                    Verb = CardVerbs.VoteOpen,
                    Data = VoteCardParts.Data(model.VoteId),
                    Style = model.YourBallot is null && !oneClick ? ActionStyle.Positive : null,
                }],
            Refresh = model.IsClosed
                ? null
                : VoteCardParts.OpenRefresh(language, model.VoteId, model.YourBallot is { } own ? [own.UserId] : model.RefreshUserIds),
        };
    }

    /// <summary>
    /// "Ajouter à la feuille de route" on a closed vote that shows a ranking: a coordinator adds the options ranked first
    /// (the roadmap checks the role and the ranking again on the click).
    /// </summary>
    private static ExecuteAction AddToRoadmapAction(Language language, string voteId) => new()
    {
        Title = AddToRoadmap.For(language),
        Verb = CardVerbs.RoadmapFromVote,
        Data = VoteCardParts.Data(voteId),
        AssociatedInputs = "none",
    };

    /// <summary>
    /// A single-choice vote's one-click buttons: a short line, then one <see cref="ActionSet"/> per option (one button a
    /// row, so they wrap on a phone), titled with the option as typed (cut to <see cref="ButtonTitleLength"/>), the
    /// voter's own choice marked. The data carries the option's index only.
    /// </summary>
    private static IEnumerable<CardElement> OptionButtons(Language language, VoteCardModel model)
    {
        var chosen = model.YourBallot?.Chosen ?? [];
        yield return new TextBlock
        {
            Text = (model.YourBallot is null ? OneClick : ChangeInOneClick).For(language),
            Weight = TextWeight.Bolder,
            Spacing = CardSpacing.Medium,
        };
        for (var i = 0; i < model.Options.Count; i++)
        {
            var isChosen = chosen.Contains(i);
            var title = PulseCardParts.Shorten(model.Options[i].Option, ButtonTitleLength - (isChosen ? ChosenMark.Length : 0));
            yield return new ActionSet
            {
                Spacing = CardSpacing.Small,
                Actions =
                [
                    new ExecuteAction
                    {
                        Title = isChosen ? ChosenMark + title : title,
                        Verb = CardVerbs.VoteChoose,
                        Data = VoteCardParts.ChoiceData(model.VoteId, i),
                        Style = isChosen ? ActionStyle.Positive : null,
                    },
                ],
            };
        }
    }

    /// <summary>One option: "2. (ex æquo) " and the option as typed, then its bar and score (unless results are hidden).</summary>
    private static Container Option(Language language, VoteCardModel model, VoteOptionLine line, bool showScores, bool unranked, int total)
    {
        var runs = new List<TextRun>();
        if (model.IsClosed && !unranked)
        {
            runs.Add(new TextRun { Text = VoteCardParts.Number(line.Rank) + ". ", Weight = TextWeight.Bolder });
            if (line.Tied)
            {
                runs.Add(new TextRun { Text = Tied.For(language) + " ", IsSubtle = true });
            }
        }

        runs.Add(new TextRun { Text = line.Option, Weight = model.IsClosed && !unranked && line.Rank == 1 ? TextWeight.Bolder : null });
        var items = new List<CardElement> { new RichTextBlock { Inlines = runs } };
        if (showScores)
        {
            items.Add(new TextBlock
            {
                Text = VoteCardParts.Bar(line.Score, total) + " " + Score(language, model, line.Score),
                Spacing = CardSpacing.None,
                Color = TextColor.Accent,
            });
        }

        return new Container { Items = items, Spacing = CardSpacing.Small };
    }

    /// <summary>"7 points" in dot voting; "12 · 40 %" (share of ballots) otherwise, or just "0" before the first ballot.</summary>
    private static string Score(Language language, VoteCardModel model, int score)
    {
        if (model.Rules.Mode == VoteCardMode.Points)
        {
            return VoteCardParts.Points(language, score);
        }

        var count = VoteCardParts.Number(score);
        return model.Participation <= 0 ? count : count + " · " + VoteCardParts.Percent(language, score, model.Participation);
    }

    /// <summary>The voter's own ballot, confirmed: the options they chose (with their points in dot voting).</summary>
    private static Container Ballot(Language language, VoteCardMode mode, VoteBallotView ballot, bool isClosed)
    {
        var items = new List<CardElement>
        {
            new TextBlock { Text = (isClosed ? YourVote : Recorded).For(language), Weight = TextWeight.Bolder, Color = TextColor.Good },
        };
        foreach (var line in ballot.Lines)
        {
            var runs = new List<TextRun> { new() { Text = "• " + line.Option } };
            if (mode == VoteCardMode.Points)
            {
                runs.Add(new TextRun { Text = LabelSeparator.For(language) + VoteCardParts.Points(language, line.Points), Weight = TextWeight.Bolder });
            }

            items.Add(new RichTextBlock { Spacing = CardSpacing.Small, Inlines = runs });
        }

        if (!isClosed)
        {
            items.Add(new TextBlock { Text = CanChange.For(language), IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.Small });
        }

        return new Container { Style = ContainerStyle.Good, Spacing = CardSpacing.Medium, Items = items };
    }
}
