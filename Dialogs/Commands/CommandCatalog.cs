using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Commands;

/// <summary>Who may run a command.</summary>
public enum CommandAudience
{
    Everyone,
    Coordinator,
}

/// <summary>One command of the product design, in both languages; <paramref name="InPersonalChat"/>: it works in a 1:1 chat with the bot.</summary>
public sealed record CommandInfo(Localized Syntax, Localized Description, CommandAudience Audience, bool IsAvailable, bool InPersonalChat = true);

/// <summary>
/// The product's commands (see the design's "Commands" table) and which of them this version answers.
/// The help card is built from this list, so it never advertises a command the bot does not handle.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        new(new("aide", "help"), new("Affiche cette aide.", "Shows this help."), CommandAudience.Everyone, IsAvailable: true),
        new(new("rencontre", "meeting"), new("La rencontre en cours : date, thématique, intention, pouls et votes.", "The current meeting: date, theme, purpose, pulses and votes."), CommandAudience.Everyone, IsAvailable: true),
        new(new("feuille de route", "roadmap"), new("La feuille de route : la vision et les changements souhaités à court, moyen et long terme.", "The roadmap: the vision and the desired changes in the short, medium and long term."), CommandAudience.Everyone, IsAvailable: true),
        new(new("tableau de bord", "dashboard"), new("Un lien (24 h) vers le tableau de bord : feuille de route, évolution des pouls, derniers votes, rencontres.", "A link (24 h) to the dashboard: roadmap, pulse trends, latest votes, meetings."), CommandAudience.Everyone, IsAvailable: true),
        new(new("profil", "profile"), new("Déclare comment vous participez à la table (organisme, institution, citoyen·ne…), pour l'équilibre de la participation.", "Declares how you take part in the table (organization, institution, citizen…), for the balance of participation."), CommandAudience.Everyone, IsAvailable: true),
        new(new("profil effacer", "profile delete"), new("Efface votre profil ici.", "Deletes your profile here."), CommandAudience.Everyone, IsAvailable: true),
        new(new("pulse démarrer [durée]", "pulse start [duration]"), new("Ouvre un pouls ici (7 jours par défaut ; 3j, 48h…).", "Opens a pulse here (7 days by default; 3d, 48h…)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("pulse configurer", "pulse setup"), new("Choisit les conditions, les étapes et la durée du pouls de cette conversation, puis l'ouvre.", "Chooses this conversation's pulse conditions, steps and duration, then opens it."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("pulse état", "pulse status"), new("Participation et temps restant.", "Participation and time left."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("pulse rappel", "pulse remind"), new("Rappel personnel à qui n'a pas encore répondu.", "A personal reminder to those who have not answered."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("pulse clore", "pulse close"), new("Ferme le pouls et publie la synthèse.", "Closes the pulse and posts the summary."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("vote [top 3 | points 5 | résultats cachés] question : option ; option", "vote [top 3 | points 5 | hidden results] question: option; option"), new("Ouvre un vote de priorités en direct (2 à 12 options).", "Opens a live priority vote (2 to 12 options)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("vote leviers", "vote levers"), new("Vote sur les leviers du dernier pouls.", "Vote on the levers of the last pulse."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("changements regrouper", "changes group"), new("Regroupe en 5 catégories au plus les changements nommés dans le dernier pouls (un formulaire que vous seul·e voyez).", "Groups the changes named in the last pulse into at most 5 categories (a form only you see)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("vote changements", "vote changes"), new("Vote sur ces catégories de changements (mêmes réglages que vote leviers).", "Vote on those categories of changes (same settings as vote levers)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("changements approfondir", "changes deepen"), new("Ouvre un court tour sur les 3 premières catégories (classement du vote, sinon votre ordre ; « changements approfondir 2 » pour les 2 premières) : un facilitant, un écueil, un souhait chacune.", "Opens a short round on the top 3 categories (the vote's ranking, else your order; \"changes deepen 2\" for the top 2): what will help, a pitfall, a wish for each."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("vote clore", "vote close"), new("Ferme le vote et publie les résultats.", "Closes the vote and posts the results."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("pulse supprimer", "pulse delete"), new("Efface les réponses du dernier pouls fermé (la synthèse reste).", "Erases the answers of the last closed pulse (the summary stays)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("vote supprimer", "vote delete"), new("Efface les bulletins du dernier vote fermé (le résultat reste).", "Erases the ballots of the last closed vote (the result stays)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("export", "export"), new("Compte-rendu et lien de téléchargement (CSV, Markdown).", "Compte-rendu and a download link (CSV, Markdown)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("coordination ajouter @nom", "coordinator add @name"), new("Donne le rôle de coordination dans cette équipe.", "Grants the coordinator role in this team."), CommandAudience.Coordinator, IsAvailable: true, InPersonalChat: false),
        new(new("langue français | english | bilingue | auto", "language french | english | bilingual | auto"), new("Fixe la langue de cette conversation, ou les deux ensemble.", "Sets the language of this conversation, or both together."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("rencontre 14 septembre : thématique", "meeting September 14: theme"), new("Ouvre la rencontre en cours (14 septembre, 14/09, aujourd'hui…) ; les pouls et votes suivants lui appartiennent.", "Opens the current meeting (September 14, 14/09, today…); later pulses and votes belong to it."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("rencontre intention : texte", "meeting purpose: text"), new("Précise l'intention de la rencontre en cours.", "States the current meeting's purpose."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("feuille de route vision : texte", "roadmap vision: text"), new("Écrit la vision de la feuille de route (300 caractères au plus).", "Writes the roadmap's vision (300 characters at most)."), CommandAudience.Coordinator, IsAvailable: true),
        new(new("feuille de route ajouter court | moyen | long : changement", "roadmap add short | medium | long: change"), new("Ajoute un changement souhaité ; « Modifier » sur la carte change son statut, son indicateur, ses porteurs.", "Adds a desired change; \"Edit\" on the card changes its status, indicator, carriers."), CommandAudience.Coordinator, IsAvailable: true),
    ];

    /// <summary>
    /// The help card's content for this language and place: in a 1:1 chat, only what works there (no
    /// <c>coordination ajouter</c>, which names a member of a team or group). <paramref name="minimumGroupSize"/> is k,
    /// said in the card's one sentence on the small-group rule.
    /// </summary>
    public static HelpCardModel Help(Language language, bool isGroupConversation, int minimumGroupSize = PulseSummaries.DefaultMinimumGroupSize)
    {
        CommandHelp Line(CommandInfo c) => new(c.Syntax.For(language), c.Description.For(language));
        var here = All.Where(c => isGroupConversation || c.InPersonalChat).ToList();

        return new HelpCardModel
        {
            Language = language,
            IsGroupConversation = isGroupConversation,
            ForEveryone = [.. here.Where(c => c.IsAvailable && c.Audience == CommandAudience.Everyone).Select(Line)],
            ForCoordinators = [.. here.Where(c => c.IsAvailable && c.Audience == CommandAudience.Coordinator).Select(Line)],
            ComingSoon = [.. here.Where(c => !c.IsAvailable).Select(Line)],
            MinimumGroupSize = minimumGroupSize,
        };
    }
}
