using Postmortem.Host.Adapters;
using Postmortem.Host.Capture;
using Postmortem.Host.Diagnostics;
using Postmortem.Host.Health;
using Postmortem.Host.Logging;
using Postmortem.Host.Persistence;
using Postmortem.Host.Playground;
using Postmortem.Host.Postmortems;
using Postmortem.Host.Processing;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStructuredLogging();
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddCapture();
builder.Services.AddProcessing();
builder.Services.AddPlayground();
builder.Services.AddChatAdapters(builder.Configuration);

var app = builder.Build();
app.MapHealth();
app.MapPostmortems();
app.MapPlayground();
app.MapChatAdapters();
app.MapDiagnostics();
app.Run();

/// <summary>The entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
