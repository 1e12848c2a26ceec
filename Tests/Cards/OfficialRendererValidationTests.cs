using ConcertationBot.Tests.Cards.Localization;
using ConcertationBot.Cards.Coordination;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Cards.Rencontres;
using ConcertationBot.Cards.Roadmap;
using ConcertationBot.Tests.Cards.Changes;
using ConcertationBot.Tests.Cards.Rencontres;
using ConcertationBot.Tests.Cards.Roadmap;
using ConcertationBot.Tests.Cards.Summary;
using ConcertationBot.Tests.Cards.Votes;

namespace ConcertationBot.Tests.Cards;

/// <summary>Every card the bot can send, parsed by Microsoft's adaptivecards package: zero events, version ≤ 1.5, under 80 KB.</summary>
public sealed class OfficialRendererValidationTests
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> AllCards()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            foreach (var card in CardsIn(language))
            {
                yield return card;
            }
        }

        // A bilingual conversation's cards: every card above built in French and in English, merged as the bot posts them.
        // (The long feuille de route is cut to fit once merged, as the bot builds it; the largest changes form is only ever
        // one coordinator's own card, in her language, so it is never merged.)
        foreach (var (french, english) in CardsIn(Language.French).Zip(CardsIn(Language.English)).Where(pair => !pair.First.Name.StartsWith("roadmap-30-", StringComparison.Ordinal) && !pair.First.Name.StartsWith("changes-form-largest", StringComparison.Ordinal)))
        {
            yield return ("bilingual-" + french.Name, BilingualCard.Merge(french.Card, english.Card));
        }

        foreach (var editable in new[] { false, true })
        {
            yield return ($"bilingual-roadmap-30-long-{(editable ? "editor" : "read-only")}", RoadmapCard.Build(new SharedLanguage(Language.French, Bilingual: true), language => RoadmapCardTests.ThirtyLong(language, editable)));
        }

        foreach (var mode in Enum.GetValues<VoteCardMode>())
        {
            yield return ($"bilingual-vote-twelve-two-language-options-{mode}", BilingualCard.Build(language => VoteCard.Build(VoteFixtures.Open(language, mode, refreshIds: 75) with
            {
                Question = BilingualText.For(BilingualFixtures.Question, language),
                Options = [.. BilingualFixtures.TwelveOptions().Select((o, i) => new VoteOptionLine(BilingualText.For(o, language), 12 - i, i + 1, i is 3 or 4))],
            })));
        }

        foreach (var card in PulseSetupCardTests.AllCards())
        {
            yield return card;
        }
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> CardsIn(Language language)
    {
        {
            foreach (var isGroup in new[] { false, true })
            {
                yield return ($"help-{language}-{(isGroup ? "group" : "personal")}", HelpCard.Build(CommandCatalog.Help(language, isGroup)));
                yield return ($"welcome-{language}-{(isGroup ? "group" : "personal")}", WelcomeCard.Build(language, isGroup));
            }

            yield return ($"expired-{language}", NoticeCards.Expired(language));
            yield return ($"try-again-message-{language}", NoticeCards.TryAgain(language));
            yield return ($"try-again-action-{language}", NoticeCards.TryAgain(language, new ExecuteAction
            {
                Title = "vote.cast",
                Verb = CardVerbs.VoteCast,
                Data = new() { [CardDataFields.VoteId] = "v1", ["choice"] = PulseFixtures.MarkdownText },
            }));
            yield return ($"apology-{language}", NoticeCards.ApologyCard(language));

            yield return ($"summary-12-{language}", PulseSummaryCard.Build(SummaryCardFixtures.Twelve(language)));
            yield return ($"summary-12-profiles-{language}", PulseSummaryCard.Build(SummaryCardFixtures.TwelveWithProfiles(language)));
            yield return ($"summary-12-role-groups-{language}", PulseSummaryCard.Build(SummaryCardFixtures.TwelveWithRoleGroups(language)));
            yield return ($"summary-2-{language}", PulseSummaryCard.Build(SummaryCardFixtures.TwoAnswers(language)));
            yield return ($"summary-60x500-{language}", PulseSummaryCard.Build(SummaryCardFixtures.SixtyLong(language)));
            yield return ($"summary-deepening-{language}", PulseSummaryCard.Build(SummaryCardFixtures.Deepening(language)));
            yield return ($"export-{language}", ExportCard.Build(SummaryCardFixtures.Export(language)));
            yield return ($"export-no-pulse-{language}", ExportCard.Build(SummaryCardFixtures.Export(language, withPulse: false)));
            yield return ($"dashboard-{language}", ConcertationBot.Cards.Dashboard.DashboardCard.Build(language, new Uri("https://bot.example.org/dashboard?grant=e30.c2ln"), "lundi 7 décembre 2026 à 14 h 46"));

            foreach (var card in PulseCards(language))
            {
                yield return (card.Name + "-" + language, card.Card);
            }

            foreach (var card in VoteCards(language))
            {
                yield return (card.Name + "-" + language, card.Card);
            }

            foreach (var card in Rencontres(language))
            {
                yield return (card.Name + "-" + language, card.Card);
            }

            foreach (var card in Profiles(language))
            {
                yield return (card.Name + "-" + language, card.Card);
            }

            foreach (var editable in new[] { false, true })
            {
                yield return ($"roadmap-small-{(editable ? "editor" : "read-only")}-{language}", RoadmapCard.Build(RoadmapCardTests.Small(language, editable)));
                yield return ($"roadmap-30-long-{(editable ? "editor" : "read-only")}-{language}", RoadmapCard.Build(RoadmapCardTests.ThirtyLong(language, editable)));
            }

            yield return ($"roadmap-empty-{language}", RoadmapCard.Build(new RoadmapCardModel { Language = language, Items = [], Notice = RoadmapNotice.Stale }));
            yield return ($"roadmap-item-form-{language}", RoadmapCard.ItemForm(language, RoadmapCardTests.Small(language, editable: true).Items[0], "29:nadia"));
            yield return ($"roadmap-help-{language}", RoadmapCard.Help(language, RoadmapCardTests.HostileText, tooLong: false));
            foreach (var card in ChangeGroupingCardTests.CardsIn(language))
            {
                yield return (card.Name + "-" + language, card.Card);
            }
        }
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> PulseCards(Language language)
    {
        yield return ("pulse-open", PulseCard.Build(PulseFixtures.PulseCard(language, answers: 41, refreshIds: 75)));
        yield return ("pulse-one-answer-notice", PulseCard.Build(PulseFixtures.PulseCard(language, answers: 1, refreshIds: 0, notice: language == Language.English ? "A pulse is already open here." : "Un pulse est déjà ouvert ici.")));
        yield return ("pulse-closed", PulseCard.Build(PulseFixtures.PulseCard(language, answers: 0, closed: true)));
        yield return ("step-rating-first", PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.Rating(language), number: 1, canGoBack: false)));
        yield return ("step-rating-empty", PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.Rating(language, value: null, allowDontKnow: false))));
        yield return ("step-frein-levier-overlong-notice", PulseStepCard.Build(PulseFixtures.Step(
            language,
            PulseFixtures.FreinLevier(),
            notice: language == Language.English ? "Your barrier is 612 characters long; 500 at most." : "Votre frein fait 612 caractères ; 500 au plus.")));
        yield return ("step-frein-levier-empty", PulseStepCard.Build(PulseFixtures.Step(language, new FreinLevierStepInput(null, null, 500))));
        yield return ("step-choice-editing", PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.Continuum(language), number: 7, editingFromReview: true)));
        yield return ("step-change", PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.Change(language), number: 8)));
        yield return ("step-deepening", PulseStepCard.Build(PulseFixtures.Step(language, new DeepeningStepInput(
            "Un calendrier commun des projets, partagé avant chaque comité", null, "Inviter les nouveaux acteurs aux comités de travail 😀", 500), number: 2)));
        yield return ("step-change-empty", PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.Change(language, text: null, direction: null) with { Text = null }, number: 8)));
        yield return ("review", PulseReviewCard.Build(PulseFixtures.Review(language)));
        yield return ("review-already-submitted", PulseReviewCard.Build(PulseFixtures.Review(language, alreadySubmitted: true)));
        yield return ("thank-you", PulseThankYouCard.Build(PulseFixtures.ThankYou(language)));
        yield return ("closed", PulseClosedCard.Build(new PulseClosedCardModel(language, PulseFixtures.Title(language))));
        yield return ("refusal-names", CoordinatorRefusalCard.Build(new CoordinatorRefusalCardModel
        {
            Language = language,
            Command = language == Language.English ? "pulse start" : "pulse démarrer",
            CoordinatorNames = ["Nadia Benali", "Marc Ouellet", "Éloïse *Tremblay* 😀 <at>x</at>"],
        }));
        yield return ("refusal-no-names", CoordinatorRefusalCard.Build(new CoordinatorRefusalCardModel { Language = language, Command = "vote clore" }));
        yield return ("bad-duration", PulseNoticeCards.BadDuration(language, PulseFixtures.MarkdownText));
        yield return ("coordination-granted", CoordinationCards.Granted(language, "Éloïse _Tremblay_ 😀 [x](y)"));
        yield return ("coordination-usage", CoordinationCards.GrantUsage(language));
        yield return ("language-french", LanguageCards.Set(language, Language.French));
        yield return ("language-english", LanguageCards.Set(language, Language.English));
        yield return ("language-auto", LanguageCards.Set(language, null));
        yield return ("language-usage", LanguageCards.Usage(language));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Rencontres(Language language)
    {
        var hostile = RencontreCardsTests.HostileText;

        // Long texts as people write them (words), near and over the limits; an unbroken run of hundreds of characters
        // in a RichTextBlock overflows the official renderer at phone width whatever the card (see the closing note).
        var longIntention = string.Concat(Enumerable.Repeat("Faire le point sur la mobilité des aînés et des familles du quartier ", 8))[..490];
        yield return ("rencontre-opened", RencontreCards.Opened(RencontreCardsTests.Model(language) with { Theme = hostile }));
        yield return ("rencontre-opened-replacing", RencontreCards.Opened(RencontreCardsTests.Model(language), "29 septembre 2026"));
        yield return ("rencontre-current", RencontreCards.Current(RencontreCardsTests.Model(language, intention: hostile + " " + longIntention[..(490 - hostile.Length - 1)], pulses: 2, votes: 1)));
        yield return ("rencontre-current-no-intention", RencontreCards.Current(RencontreCardsTests.Model(language)));
        yield return ("rencontre-intention-set", RencontreCards.IntentionSet(RencontreCardsTests.Model(language, intention: hostile)));
        yield return ("rencontre-none", RencontreCards.NoneOpen(language));
        yield return ("rencontre-none-for-intention", RencontreCards.NoneForIntention(language));
        foreach (var reason in Enum.GetValues<RencontreHelpReason>())
        {
            yield return ($"rencontre-help-{reason}", RencontreCards.Help(language, reason, hostile));
        }

        yield return ("rencontre-too-long", RencontreCards.TooLong(language, isIntention: true, hostile + " " + longIntention + " " + longIntention[..120], 500));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> Profiles(Language language)
    {
        foreach (var inTeam in new[] { true, false })
        {
            var place = inTeam ? "team" : "conversation";
            yield return ($"profile-form-empty-{place}", ProfileCards.Form(new ProfileCardModel { Language = language, InTeam = inTeam }));
            yield return ($"profile-form-shared-{place}", ProfileCards.Form(new ProfileCardModel { Language = language, InTeam = inTeam, IsShared = true }));
            yield return ($"profile-deleted-{place}", ProfileCards.Deleted(language, existed: true, inTeam));
        }

        yield return ("profile-form-prefilled", ProfileCards.Form(new ProfileCardModel
        {
            Language = language,
            InTeam = true,
            Category = ProfileCategory.PublicMunicipal,
            Role = ProfileRole.Frontline,
        }));
        yield return ("profile-saved", ProfileCards.Saved(new ProfileCardModel { Language = language, InTeam = true, Category = ProfileCategory.Citizen, Role = ProfileRole.Management }));
        yield return ("profile-saved-no-role", ProfileCards.Saved(new ProfileCardModel { Language = language, Category = ProfileCategory.PublicEducation }));
        yield return ("profile-none-to-delete", ProfileCards.Deleted(language, existed: false, inTeam: true));
        yield return ("profile-not-saved", ProfileCards.NotSaved(language));
        yield return ("profile-before-pulse", ProfileCards.Form(new ProfileCardModel
        {
            Language = language,
            InTeam = true,
            BeforePulse = new ProfileBeforePulse("p-2026-09-14", "19:reminder@thread.tacv2"),
        }));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> VoteCards(Language language)
    {
        var english = language == Language.English;
        foreach (var mode in Enum.GetValues<VoteCardMode>())
        {
            foreach (var hidden in new[] { false, true })
            {
                var suffix = $"{mode}-{(hidden ? "hidden" : "shown")}";
                yield return ($"vote-open-{suffix}", VoteCard.Build(VoteFixtures.Open(language, mode, hidden)));
                yield return ($"vote-own-{suffix}", VoteCard.Build(VoteFixtures.OwnView(language, mode, hidden)));
                yield return ($"vote-closed-{suffix}", VoteCard.Build(VoteFixtures.Closed(language, mode, hidden)));
                yield return ($"vote-ballot-empty-{suffix}", VoteBallotCard.Build(VoteFixtures.Ballot(language, mode, hidden: hidden)));
            }

            yield return ($"vote-ballot-prefilled-notice-{mode}", VoteBallotCard.Build(VoteFixtures.Ballot(
                language,
                mode,
                current: mode == VoteCardMode.Points ? [4, 2, 0, 1] : [1, 0, 1, 0],
                hasVoted: true,
                notice: english ? "You gave 7 points; 5 at most." : "Vous avez donné 7 points ; 5 au plus.")));
            yield return ($"vote-twelve-long-{mode}", VoteCard.Build(VoteFixtures.Open(language, mode, refreshIds: 75) with
            {
                Question = VoteFixtures.MarkdownText + " " + new string('é', 100),
                Options = [.. VoteFixtures.TwelveLong().Select((o, i) => new VoteOptionLine(o, 12 - i, i + 1, i is 3 or 4))],
            }));
            yield return ($"vote-ballot-twelve-long-{mode}", VoteBallotCard.Build(VoteFixtures.Ballot(language, mode) with { Options = VoteFixtures.TwelveLong() }));
        }

        yield return ("vote-open-none-yet-notice", VoteCard.Build(VoteFixtures.Open(
            language, participation: 0, refreshIds: 0, notice: english ? "A vote is already open here." : "Un vote est déjà ouvert ici.")));
        yield return ("vote-closed-no-votes", VoteCard.Build(VoteFixtures.Closed(language, VoteCardMode.Single) with { Participation = 0 }));
        yield return ("vote-help", VoteHelpCard.Build(new VoteHelpCardModel { Language = language }));
        yield return ("vote-help-problem", VoteHelpCard.Build(new VoteHelpCardModel
        {
            Language = language,
            Problem = english ? "Two options are the same: *Housing*." : "Deux options sont identiques : *Logement*.",
        }));
        yield return ("vote-no-open-vote", VoteNoticeCards.NoOpenVote(language));
        yield return ("vote-closed-notice", VoteNoticeCards.Closed(language, VoteFixtures.MarkdownText));
        yield return ("vote-no-closed-pulse", VoteNoticeCards.NotEnoughLevers(language, -1));
        yield return ("vote-one-lever", VoteNoticeCards.NotEnoughLevers(language, 1));
    }

    [Fact]
    public async Task Validate_EveryBotCard_HasNoRendererErrors()
    {
        // Arrange
        var input = new JsonArray([.. AllCards().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["card"] = JsonNode.Parse(AdaptiveCardSerializer.ToJson(c.Card)),
        })]);

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"), input.ToJsonString(), CancellationToken.None);

        // Assert
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(input.Count, results.Count);
        var failures = results.Where(r => r!["errors"]!.AsArray().Count > 0).Select(r => r!.ToJsonString()).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Validate_CardWithUnknownElementAndBadSize_IsReported()
    {
        // Arrange: proves the validator can fail.
        var bad = new JsonArray(new JsonObject
        {
            ["name"] = "bad",
            ["card"] = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x","size":"Huge"},{"type":"Bogus"}]}"""),
        });

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"), bad.ToJsonString(), CancellationToken.None);

        // Assert
        var errors = JsonNode.Parse(output)![0]!["errors"]!.AsArray().Select(e => (string?)e).ToList();
        Assert.Contains(errors, e => e!.Contains("version 1.6", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Huge", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Bogus", StringComparison.Ordinal));
    }
}
