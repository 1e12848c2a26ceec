using ConcertationBot.Bot.Application;

var builder = WebApplication.CreateBuilder(args);
builder.AddConcertationBot();

var app = builder.Build();
app.MapBotEndpoints();
app.Run();

/// <summary>Entry point; public so that <c>WebApplicationFactory&lt;Program&gt;</c> can host it in tests.</summary>
public partial class Program;
