using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The template a stored pulse asks: the default template with only the steps chosen when it opened
/// (<see cref="PulseRecord.TemplateSteps"/>; every step for a pulse opened without a choice). Its dialog, its summary and
/// its trend are built from this, so a condition the pulse did not ask is never shown or compared.
/// </summary>
public static class PulseRecordTemplate
{
    public static PulseTemplate Of(PulseRecord pulse)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        return PulseTemplateChoice.Select(PulseTemplates.Default, pulse.TemplateSteps);
    }
}
