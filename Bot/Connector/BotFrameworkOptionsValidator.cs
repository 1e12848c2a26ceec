using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Connector;

/// <summary>
/// The identity settings must fit <c>MicrosoftAppType</c>: SingleTenant needs app id, tenant id and password;
/// UserAssignedMsi needs app id and tenant id and no password; MultiTenant with an app id needs a password.
/// An empty configuration (no app id, MultiTenant) is local mode and valid.
/// </summary>
internal sealed class BotFrameworkOptionsValidator : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasAppId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);

        switch (options.MicrosoftAppType)
        {
            case BotAppType.MultiTenant:
                if (hasAppId && !hasPassword)
                {
                    failures.Add("MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant.");
                }

                if (!hasAppId && hasPassword)
                {
                    failures.Add("MicrosoftAppPassword is set but MicrosoftAppId is empty (MicrosoftAppType MultiTenant); set MicrosoftAppId or remove the password.");
                }

                break;
            case BotAppType.SingleTenant:
                if (!hasAppId)
                {
                    failures.Add("MicrosoftAppId is required when MicrosoftAppType is SingleTenant.");
                }

                if (!hasTenant)
                {
                    failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
                }

                if (!hasPassword)
                {
                    failures.Add("MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.");
                }

                break;
            case BotAppType.UserAssignedMsi:
                if (!hasAppId)
                {
                    failures.Add("MicrosoftAppId (the managed identity's client id) is required when MicrosoftAppType is UserAssignedMsi.");
                }

                if (!hasTenant)
                {
                    failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMsi.");
                }

                if (hasPassword)
                {
                    failures.Add("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMsi (the managed identity has no secret).");
                }

                break;
            default:
                failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMsi.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
