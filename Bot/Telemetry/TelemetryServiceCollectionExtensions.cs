using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ConcertationBot.Bot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string, as App Service names it.</summary>
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OTLP collector's address (the OpenTelemetry exporter reads its other <c>OTEL_*</c> settings itself).</summary>
    public const string OtlpKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces (each turn; ASP.NET Core; every outgoing HTTP call, which covers Table Storage and the Bot Connector, retries
    /// and 429s included) and metrics (<see cref="BotTelemetry"/>, ASP.NET Core, HttpClient), URLs redacted by
    /// <see cref="TelemetryRedaction"/> before any exporter sees them. Exported to Azure Monitor when
    /// <see cref="AzureMonitorKey"/> is set, to OTLP when <see cref="OtlpKey"/> is set, nowhere otherwise.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var azureMonitor = configuration[AzureMonitorKey];
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpKey]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddProcessor(new TelemetryRedaction());
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>Health probes run every few seconds and say nothing an operator needs traced.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
