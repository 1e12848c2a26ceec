namespace ConcertationBot.Cards;

/// <summary>
/// <c>Action.Execute</c> verbs. Cards stay in channels for months, so these strings and their data fields are a
/// stable API: never rename one; retire it by answering with the expired card instead.
/// </summary>
public static class CardVerbs
{
    /// <summary>Replace the card with the help card (welcome card's button).</summary>
    public const string HelpShow = "help.show";

    /// <summary>
    /// "Répondre" on the pulse card, and the automatic refresh of a respondent's own view: shows that user's current
    /// step (or review, or thank-you). Data: <see cref="CardDataFields.PulseId"/>.
    /// </summary>
    public const string PulseOpen = "pulse.open";

    /// <summary>Saves the step's inputs and moves on (back to the review when editing from it). Data: pulseId, step, rev + inputs.</summary>
    public const string PulseNext = "pulse.next";

    /// <summary>Goes to the previous step without saving; what was typed is kept as the step's draft. Data: pulseId, step, rev + inputs.</summary>
    public const string PulseBack = "pulse.back";

    /// <summary>
    /// "Passer": moves on without saving what is on the step; a saved answer stays (nothing is erased without "Effacer
    /// cette réponse"). While editing from the review, goes back to it. Data: pulseId, step, rev.
    /// </summary>
    public const string PulseSkip = "pulse.skip";

    /// <summary>"Effacer cette réponse" while editing a step: erases that step's saved answer and draft. Data: pulseId, step, rev.</summary>
    public const string PulseClear = "pulse.clear";

    /// <summary>"Modifier": to one step (data step) from the review, or to the review (no step) from the thank-you card. Data: pulseId, step?, rev.</summary>
    public const string PulseEdit = "pulse.edit";

    /// <summary>"Envoyer" on the review: stores the answers. Data: pulseId, rev.</summary>
    public const string PulseSubmit = "pulse.submit";

    /// <summary>
    /// "Voter" (top-N and dot voting, and every card posted before one-click voting) / "Mon bulletin" (single choice) /
    /// "Modifier mon vote" on the vote card, and the automatic refresh of a voter's own view: shows that
    /// user's ballot form (pre-filled with their ballot), or their confirmation on an automatic refresh once they voted.
    /// Data: <see cref="CardDataFields.VoteId"/>.
    /// </summary>
    public const string VoteOpen = "vote.open";

    /// <summary>"Envoyer mon vote" on the ballot form: stores (or replaces) the ballot. Data: voteId + the ballot inputs.</summary>
    public const string VoteCast = "vote.cast";

    /// <summary>
    /// One option's button on the card of a single-choice vote: stores (or replaces) the voter's ballot with that
    /// option in one click, through the same path as <see cref="VoteCast"/>. Data: <see cref="CardDataFields.VoteId"/>
    /// and <see cref="CardDataFields.Option"/> (the option's index, never its text).
    /// </summary>
    public const string VoteChoose = "vote.choose";

    /// <summary>"Supprimer" on the confirmation card of <c>pulse supprimer</c>: deletes the closed pulse's per-person rows. Data: pulseId.</summary>
    public const string PulseDeleteConfirm = "pulse.delete.confirm";

    /// <summary>"Supprimer" on the confirmation card of <c>vote supprimer</c>: deletes the closed vote's ballots. Data: voteId.</summary>
    public const string VoteDeleteConfirm = "vote.delete.confirm";

    /// <summary>"Annuler" on either deletion confirmation card: nothing is deleted.</summary>
    public const string DeleteCancel = "delete.cancel";

    /// <summary>
    /// "Enregistrer" on the profile form: stores (or replaces) the clicker's profile in this team (or conversation) and
    /// answers with their saved profile. Data: <see cref="CardDataFields.ProfileCategory"/> and
    /// <see cref="CardDataFields.ProfileRole"/> (the form's inputs, codes of <c>ProfileChoices</c>).
    /// </summary>
    public const string ProfileSave = "profile.save";

    /// <summary>
    /// "Modifier" on the saved profile, "Voir mon profil" on a form posted in a channel: the clicker's own form,
    /// pre-filled with their saved profile. Data: none (any field is ignored).
    /// </summary>
    public const string ProfileEdit = "profile.edit";

    /// <summary>
    /// "Ouvrir la configuration" on the card <c>pulse configurer</c> posts in a channel or group chat, and that card's
    /// automatic refresh for the coordinator who asked: the clicker's own configuration form, pre-filled with the
    /// conversation's default (a coordinator only; anyone else gets the refusal). Data: none (any field is ignored).
    /// </summary>
    public const string PulseSetupShow = "pulse.setup.show";

    /// <summary>
    /// "Ouvrir le pouls" on the configuration form: stores the choice as the conversation's default and opens a pulse
    /// with it; no condition chosen keeps the form, with what was chosen and an error. Data: the form's inputs
    /// (<see cref="CardDataFields.SetupStepPrefix"/> + a step id, <see cref="CardDataFields.SetupProfiles"/>,
    /// <see cref="CardDataFields.SetupDuration"/>).
    /// </summary>
    public const string PulseSetupOpen = "pulse.setup.open";

    /// <summary>
    /// The automatic refresh of the card <c>feuille de route</c> posts, for the coordinator who asked, and "Retour" on
    /// the item form: the feuille de route as it now stands, with edit actions for a coordinator, read-only for anyone
    /// else. Data: none (any field is ignored).
    /// </summary>
    public const string RoadmapShow = "roadmap.show";

    /// <summary>"Modifier" on an item of a coordinator's view: that item's form (status, horizon, text, indicator, carriers). Data: <see cref="CardDataFields.RoadmapItemId"/>.</summary>
    public const string RoadmapItemEdit = "roadmap.item.edit";

    /// <summary>"Enregistrer" on the item form: stores what changed. Data: <see cref="CardDataFields.RoadmapItemId"/> + the form's inputs.</summary>
    public const string RoadmapItemSave = "roadmap.item.save";

    /// <summary>"Retirer" on the item form: removes the item. Data: <see cref="CardDataFields.RoadmapItemId"/>.</summary>
    public const string RoadmapItemRemove = "roadmap.item.remove";

    /// <summary>
    /// "Ajouter à la feuille de route" on a closed vote's result card (when it shows a ranking): a coordinator adds the
    /// options ranked first (at most 3) as court-terme items from <c>vote:&lt;voteId&gt;</c>, each once, and gets their own
    /// view of the feuille de route; anyone else gets the refusal. Data: <see cref="CardDataFields.VoteId"/>.
    /// </summary>
    public const string RoadmapFromVote = "roadmap.fromvote";

    /// <summary>
    /// The automatic refresh of the card <c>changements regrouper</c> posts in a channel or group chat, for the
    /// coordinator who asked: her own grouping form of the pulse's changes (a coordinator only; anyone else gets the
    /// refusal). Data: <see cref="CardDataFields.PulseId"/>.
    /// </summary>
    public const string ChangesShow = "changes.show";

    /// <summary>
    /// "Enregistrer" on the grouping form: stores the categories and where each change goes, If-Match the grouping the
    /// form was built from (a stale form says so and shows the current grouping). Data: <see cref="CardDataFields.PulseId"/>,
    /// <see cref="CardDataFields.ChangesETag"/> + the form's inputs.
    /// </summary>
    public const string ChangesSave = "changes.save";

    /// <summary>
    /// "Ajouter à la feuille de route" on a closed changes round's deepening's summary card (a coordinator only; anyone
    /// else gets the refusal, nothing stored): its categories, in its order, become court-terme items whose source is the
    /// round (<c>deepening:&lt;pulseId&gt;</c>), each at most once. Data: <see cref="CardDataFields.PulseId"/>.
    /// </summary>
    public const string RoadmapFromDeepening = "roadmap.fromdeepening";
}

/// <summary>Names of the fields in <c>Action.Execute</c> data; part of the card contract like the verbs.</summary>
public static class CardDataFields
{
    public const string PulseId = "pulseId";

    public const string VoteId = "voteId";

    public const string Step = "step";

    /// <summary>The index of a vote's option (0..11) in the vote's order, on <see cref="CardVerbs.VoteChoose"/>.</summary>
    public const string Option = "option";

    /// <summary>The dialog revision the card was built from; an action from an older revision changes nothing.</summary>
    public const string Revision = "rev";

    /// <summary>
    /// The conversation the pulse belongs to, on cards shown elsewhere (the 1:1 reminder); absent means "this
    /// conversation".
    /// </summary>
    public const string ConversationId = "conversationId";

    /// <summary>
    /// On <see cref="CardVerbs.PulseOpen"/> from the profile step a pulse offers before its first step: <c>"1"</c> means
    /// the step was offered (answered or passed), so "Répondre" goes on to the pulse's steps.
    /// </summary>
    public const string ProfileOffered = "profileOffered";

    /// <summary>The profile form's category input (a <c>ProfileChoices</c> category code), on <see cref="CardVerbs.ProfileSave"/>.</summary>
    public const string ProfileCategory = "profileCategory";

    /// <summary>The profile form's role input (a <c>ProfileChoices</c> role code, or the "not stated" code), on <see cref="CardVerbs.ProfileSave"/>.</summary>
    public const string ProfileRole = "profileRole";

    /// <summary>
    /// The configuration form's toggle of one template step is this prefix and the step's id (<c>setupStep_agenda</c>):
    /// <c>"true"</c> when chosen, on <see cref="CardVerbs.PulseSetupOpen"/>.
    /// </summary>
    public const string SetupStepPrefix = "setupStep_";

    /// <summary>The configuration form's toggle "participation by profile" (<c>"true"</c> / <c>"false"</c>).</summary>
    public const string SetupProfiles = "setupProfiles";

    /// <summary>The configuration form's duration, in whole hours (<c>"168"</c>).</summary>
    public const string SetupDuration = "setupDuration";

    /// <summary>The feuille de route item a roadmap action is about (its id, never its text).</summary>
    public const string RoadmapItemId = "roadmapItemId";

    /// <summary>The item form's status input (a status code of <c>RoadmapCard.StatusCodes</c>).</summary>
    public const string RoadmapStatus = "roadmapStatus";

    /// <summary>The item form's horizon input (a horizon code of <c>RoadmapCard.HorizonCodes</c>).</summary>
    public const string RoadmapHorizon = "roadmapHorizon";

    public const string RoadmapText = "roadmapText";

    public const string RoadmapIndicator = "roadmapIndicator";

    public const string RoadmapCarriers = "roadmapCarriers";

    /// <summary>On <see cref="CardVerbs.RoadmapItemSave"/>: the item's fields as the form showed them (an object of the five fields above).</summary>
    public const string RoadmapWas = "roadmapWas";

    /// <summary>The version (ETag) of the stored grouping a changes form was built from; absent when nothing was stored yet.</summary>
    public const string ChangesETag = "changesEtag";

    /// <summary>The grouping form's category name input is this prefix and the category's slot (<c>changeCategory_0</c> … <c>_4</c>).</summary>
    public const string ChangeCategoryPrefix = "changeCategory_";

    /// <summary>
    /// The grouping form's choice for one change is this prefix and the change's key (a hash of its text, never who wrote
    /// it): a category slot (<c>"0"</c> … <c>"4"</c>) or <c>"none"</c>.
    /// </summary>
    public const string ChangeChoicePrefix = "change_";
}
