namespace ConcertationBot.Tests.Dialogs.Pulse;

/// <summary>
/// Random action sequences (seeded, so a failure replays) against the invariants the bot relies on.
/// Written without FsCheck: FsCheck 3.6.0 does not restore here without an FSharp.Core pin (NU1603 as error).
/// </summary>
public sealed class PulseDialogPropertyTests
{
    private static readonly string?[] TextPool =
    [
        null, "", "   ", "tensions entre partenaires", "a\tb\r\nc\u0001", "👨‍👩‍👧 confiance", new string('a', 500), new string('b', 501),
    ];

    private static readonly string?[] RatingPool = [null, "", "1", "5", "0", "6", "3.5", "abc", "dontknow"];

    private static readonly string?[] ChoicePool = [null, "", "coordination", "integration", "fusion"];

    private static readonly string?[] DirectionPool = [null, "", "positive", "negative", "neutral"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Apply_RandomActionSequence_StateStaysValid(int seed)
    {
        // Arrange
        var template = PulseTemplates.Default;
        var random = new Random(seed);
        var state = PulseDialog.Start("pulse-1");
        var view = new PulseRespondentView
        {
            Language = Language.French,
            PulseId = "pulse-1",
            PulseTitle = "Pulse",
            Revision = 0,
            UserId = "29:u",
            DeadlineText = "demain",
        };

        for (var i = 0; i < 60; i++)
        {
            var action = RandomAction(random, template, state);

            // Act
            var turn = PulseDialog.Apply(template, state, action);

            // Assert
            if (turn.Changed)
            {
                Assert.Equal(state.Revision + 1, turn.State.Revision);
                Assert.False(PulseDialog.Apply(template, turn.State, action).Changed);
            }
            else
            {
                Assert.Same(state, turn.State);
            }

            Assert.True(!turn.Submitted || (turn.Changed && turn.State.Position == PulsePosition.Done));
            AssertValid(template, turn.State);
            var json = JsonSerializer.Serialize(turn.State, PulseDialogJsonContext.Default.PulseDialogState);
            Assert.Equal(turn.State, JsonSerializer.Deserialize(json, PulseDialogJsonContext.Default.PulseDialogState));
            Assert.Equal(turn.State.Revision, PulseViews.Describe(template, turn.State, view).View.Revision);
            state = turn.State;
        }
    }

    [Fact]
    public void RandomActionSequences_ReachEveryPositionAndRefusal_PropertyIsNotVacuous()
    {
        // Arrange
        var template = PulseTemplates.Default;
        var seen = new HashSet<string>();

        // Act
        foreach (var seed in Enumerable.Range(1, 300))
        {
            var random = new Random(seed);
            var state = PulseDialog.Start("pulse-1");
            for (var i = 0; i < 60; i++)
            {
                var turn = PulseDialog.Apply(template, state, RandomAction(random, template, state));
                seen.Add(turn.State.Position.ToString());
                seen.Add(turn.State.Notice?.Kind.ToString() ?? "NoNotice");
                seen.Add(turn.Submitted ? "Submitted" : "NotSubmitted");
                seen.Add(turn.State.EditingFromReview ? "Editing" : "NotEditing");
                state = turn.State;
            }
        }

        // Assert
        Assert.Superset(
            new HashSet<string> { "Step", "Review", "Done", "TooLong", "InvalidRating", "InvalidChoice", "InvalidDirection", "Submitted", "Editing" },
            seen);
    }

    private static void AssertValid(PulseTemplate template, PulseDialogState state)
    {
        Assert.InRange(state.StepIndex, 0, template.Steps.Count - 1);
        Assert.True(state.Notice is null || (state.Position == PulsePosition.Step && state.Draft is not null));
        Assert.True(state.Draft is null || state.Notice is not null);
        Assert.True(!state.EditingFromReview || state.Position == PulsePosition.Step);
        Assert.True(state.Position != PulsePosition.Done || state.HasSubmitted);
        foreach (var (stepId, answer) in state.Answers)
        {
            var step = template.Steps[template.IndexOf(stepId)];
            Assert.False(answer.IsEmpty);
            Assert.All(
                new[] { answer.Frein, answer.Levier, answer.Text },
                text => Assert.InRange(PulseText.Length(text), 0, template.MaxTextLength));
            if (step is RatingStep rating && answer.Rating is { } value)
            {
                Assert.InRange(value, rating.Min, rating.Max);
            }

            if (step is ChoiceStep choice)
            {
                Assert.NotNull(choice.Find(answer.Choice));
            }
        }
    }

    private static PulseAction RandomAction(Random random, PulseTemplate template, PulseDialogState state)
    {
        var kind = (PulseActionKind)random.Next(0, 6);
        var current = template.Steps[state.StepIndex].Id;
        var stepId = random.Next(10) switch
        {
            < 6 => current,
            < 8 => template.Steps[random.Next(template.Steps.Count)].Id,
            8 => null,
            _ => "nope",
        };
        int? revision = random.Next(10) switch
        {
            < 8 => state.Revision,
            8 => state.Revision - 1,
            _ => null,
        };
        if (kind == PulseActionKind.Edit && state.Position == PulsePosition.Done && random.Next(2) == 0)
        {
            stepId = null;
        }

        return new PulseAction(kind, stepId, revision)
        {
            Inputs = new Dictionary<string, string?>
            {
                [PulseInputIds.Rating] = Pick(random, RatingPool),
                [PulseInputIds.Frein] = Pick(random, TextPool),
                [PulseInputIds.Levier] = Pick(random, TextPool),
                [PulseInputIds.Choice] = Pick(random, ChoicePool),
                [PulseInputIds.ChangeText] = Pick(random, TextPool),
                [PulseInputIds.Direction] = Pick(random, DirectionPool),
            },
        };
    }

    private static string? Pick(Random random, string?[] pool) => pool[random.Next(pool.Length)];
}
