using System.Collections.Immutable;
using System.Globalization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Load;

/// <summary>How one simulated respondent behaves: answers, and whether the final submit is delivered twice or edited after sending.</summary>
public sealed record RespondentPlan(int Index, ImmutableDictionary<string, StepAnswer> Answers, bool DeliverTwice, bool ConcurrentDuplicate, string? EditStep, StepAnswer? Edited)
{
    /// <summary>The answers after the edit (the edited step replaced, or cleared when <see cref="Edited"/> is null).</summary>
    public ImmutableDictionary<string, StepAnswer> AfterEdit =>
        EditStep is null ? Answers : Edited is null ? Answers.Remove(EditStep) : Answers.SetItem(EditStep, Edited);
}

/// <summary>
/// Seeded random valid answers to the default pulse (some steps skipped, texts with accents, French punctuation and a
/// line break), and the stored fields they must become, written out here from the documented storage names
/// (<c>s</c> / <c>s_dontKnow</c>, <c>s_frein</c> / <c>s_levier</c>, <c>s</c> for a choice, <c>s_text</c> / <c>s_direction</c>)
/// rather than through the bot's own mapping.
/// </summary>
public static class AnswerPlans
{
    private static readonly string[] Freins =
    [
        "Manque de temps des partenaires à l'été",
        "Réunions trop espacées : « on s'essouffle »",
        "Roulement du personnel — on recommence souvent à zéro",
        "Financement non récurrent ; difficile de planifier",
        "Peu de données partagées entre organismes",
        "Méfiance héritée d'anciens projets\nmais ça s'améliore",
    ];

    private static readonly string[] Leviers =
    [
        "Comité de coordination élargi, rencontres mensuelles",
        "Bénévoles très engagés à Hochelaga-Maisonneuve",
        "Un tableau de bord commun (indicateurs révisés à l'automne)",
        "Fête de quartier : énergie et visibilité !",
        "Agente de liaison à temps plein, grâce à Centraide",
        "Écoute mutuelle ; décisions prises ensemble",
    ];

    private static readonly string[] Changes =
    [
        "Ouverture d'une épicerie solidaire près du métro",
        "Départ de la coordonnatrice ; transition difficile",
        "Entente avec l'école secondaire pour des stages",
        "Fermeture du centre communautaire (rénovations prévues en 2027)",
    ];

    public static IReadOnlyList<RespondentPlan> Make(PulseTemplate template, int respondents, double duplicateShare, double editShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(template);
        var random = new Random(seed);
        var plans = new List<RespondentPlan>(respondents);
        var duplicates = Pick(random, respondents, duplicateShare);
        var editors = Pick(random, respondents, editShare);
        for (var i = 0; i < respondents; i++)
        {
            var answers = ImmutableDictionary.CreateBuilder<string, StepAnswer>(StringComparer.Ordinal);
            foreach (var step in template.Steps)
            {
                if (Answer(random, step, i) is { } answer)
                {
                    answers[step.Id] = answer;
                }
            }

            string? editStep = null;
            StepAnswer? edited = null;
            if (editors.Contains(i))
            {
                var step = template.Steps[random.Next(template.Steps.Count)];
                editStep = step.Id;
                // One edit in six clears the step; the others give another answer than the one sent.
                if (random.Next(6) != 0)
                {
                    var previous = answers.GetValueOrDefault(step.Id);
                    do
                    {
                        edited = Answer(random, step, i, mustAnswer: true);
                    }
                    while (edited == previous);
                }
            }

            plans.Add(new RespondentPlan(i, answers.ToImmutable(), duplicates.Contains(i), random.Next(2) == 0, editStep, edited));
        }

        return plans;
    }

    /// <summary>The card inputs a respondent fills in on a step to give <paramref name="answer"/>; empty strings clear what the card had.</summary>
    public static Dictionary<string, string> Inputs(PulseStep step, StepAnswer answer) => step switch
    {
        RatingStep => new()
        {
            [PulseInputIds.Rating] = answer.DontKnow ? PulseInputIds.DontKnow : answer.Rating?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        },
        ChoiceStep => new() { [PulseInputIds.Choice] = answer.Choice ?? string.Empty },
        ChangeStep => new()
        {
            [PulseInputIds.ChangeText] = answer.Text ?? string.Empty,
            [PulseInputIds.Direction] = answer.Direction ?? string.Empty,
        },
        _ => new()
        {
            [PulseInputIds.Frein] = answer.Frein ?? string.Empty,
            [PulseInputIds.Levier] = answer.Levier ?? string.Empty,
        },
    };

    /// <summary>The answer entity's fields for these answers, with values as invariant strings ("4", "true", text).</summary>
    public static SortedDictionary<string, string> ExpectedFields(PulseTemplate template, IReadOnlyDictionary<string, StepAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in template.Steps)
        {
            if (!answers.TryGetValue(step.Id, out var a))
            {
                continue;
            }

            switch (step)
            {
                case RatingStep when a.DontKnow:
                    fields[step.Id + "_dontKnow"] = "true";
                    break;
                case RatingStep when a.Rating is { } rating:
                    fields[step.Id] = rating.ToString(CultureInfo.InvariantCulture);
                    break;
                case RatingStep:
                    break;
                case ChoiceStep:
                    Add(fields, step.Id, a.Choice);
                    break;
                case ChangeStep:
                    Add(fields, step.Id + "_text", a.Text);
                    Add(fields, step.Id + "_direction", a.Direction);
                    break;
                default:
                    Add(fields, step.Id + "_frein", a.Frein);
                    Add(fields, step.Id + "_levier", a.Levier);
                    break;
            }
        }

        return fields;
    }

    private static void Add(SortedDictionary<string, string> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[name] = value;
        }
    }

    private static HashSet<int> Pick(Random random, int count, double share) =>
        [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take((int)Math.Round(share * count))];

    private static StepAnswer? Answer(Random random, PulseStep step, int respondent, bool mustAnswer = false)
    {
        var who = " (n° " + (respondent + 1).ToString(CultureInfo.InvariantCulture) + ")";
        switch (step)
        {
            case RatingStep rating:
                return (mustAnswer ? random.Next(1, 10) : random.Next(10)) switch
                {
                    0 => null,
                    1 when rating.AllowDontKnow => new StepAnswer { DontKnow = true },
                    _ => new StepAnswer { Rating = random.Next(rating.Min, rating.Max + 1) },
                };
            case ChoiceStep choice:
                return !mustAnswer && random.Next(5) == 0 ? null : new StepAnswer { Choice = choice.Options[random.Next(choice.Options.Count)].Id };
            case ChangeStep:
                if (!mustAnswer && random.Next(4) == 0)
                {
                    return null;
                }

                return new StepAnswer
                {
                    Text = Changes[random.Next(Changes.Length)] + who,
                    Direction = random.Next(5) switch
                    {
                        0 => null,
                        1 or 2 => "positive",
                        _ => "negative",
                    },
                };
            default:
                var roll = random.Next(mustAnswer ? 3 : 0, 10);
                return roll switch
                {
                    0 or 1 or 2 => null,
                    3 => new StepAnswer { Frein = Freins[random.Next(Freins.Length)] + who },
                    4 => new StepAnswer { Levier = Leviers[random.Next(Leviers.Length)] + who },
                    _ => new StepAnswer { Frein = Freins[random.Next(Freins.Length)] + who, Levier = Leviers[random.Next(Leviers.Length)] + who },
                };
        }
    }
}
