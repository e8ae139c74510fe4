using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class TraceRedactorTests
{
    private const string Email = "jane.doe@example.com";

    [Fact]
    public void Redact_ReachesEveryStringTheTraceCarries_AndKeepsItsShape()
    {
        var trace = new LlmTrace
        {
            Messages =
            [
                new LlmMessage("user", $"I am {Email}"),
                new LlmMessage("assistant", null) { ToolCalls = [new LlmToolCall { Id = "c1", Name = "lookup", Arguments = $$"""{"email":"{{Email}}"}""" }] },
                new LlmMessage("tool", $$"""{"owner":"{{Email}}"}""") { ToolCallId = "c1" },
            ],
            Tools = [new LlmToolDefinition { Name = "lookup", Description = $"Looks up {Email}" }],
            Response = $"Hello {Email}",
            ResponseMessages = [new LlmMessage("assistant", $"Hello {Email}")],
            Error = $"user {Email} not allowed",
            Tags = [Email, "plain"],
            Attributes = new Dictionary<string, string> { ["customer"] = Email },
        };
        var counts = new RedactionCounts();

        new TraceRedactor(new PatternRedactor()).Redact(trace, counts);

        Assert.Equal("I am [EMAIL]", trace.Messages[0].Content);
        Assert.Equal("""{"email":"[EMAIL]"}""", trace.Messages[1].ToolCalls![0].Arguments);
        Assert.Equal("lookup", trace.Messages[1].ToolCalls![0].Name);
        Assert.Equal("""{"owner":"[EMAIL]"}""", trace.Messages[2].Content);
        Assert.Equal("c1", trace.Messages[2].ToolCallId);
        Assert.Equal("Looks up [EMAIL]", trace.Tools[0].Description);
        Assert.Equal("Hello [EMAIL]", trace.Response);
        Assert.Equal("Hello [EMAIL]", trace.ResponseMessages[0].Content);
        Assert.Equal("user [EMAIL] not allowed", trace.Error);
        Assert.Equal(["[EMAIL]", "plain"], trace.Tags);
        Assert.Equal("[EMAIL]", trace.Attributes["customer"]);
        Assert.Equal(9, counts.ByKind["email"]);
    }

    [Fact]
    public void Redact_ReadOnlyTagsAndNullMembers_AreHandled()
    {
        var trace = new LlmTrace { Tags = Array.AsReadOnly([Email]), Messages = [null!, new LlmMessage("user", null)] };

        new TraceRedactor(new PatternRedactor()).Redact(trace, new RedactionCounts());

        Assert.Equal(["[EMAIL]"], trace.Tags);
    }

    [Fact]
    public void Redact_NeverChangesMessagesListsOrToolCallsTheAppMayStillHold()
    {
        var message = new LlmMessage("user", $"I am {Email}");
        var call = new LlmToolCall { Id = "c1", Name = "f", Arguments = Email };
        var assistant = new LlmMessage("assistant", null) { ToolCalls = [call] };
        var history = new List<LlmMessage> { new("system", "be brief"), message, assistant };
        var tags = new List<string> { Email };
        var attributes = new Dictionary<string, string> { ["who"] = Email };
        var trace = new LlmTrace { Messages = history, Tags = tags, Attributes = attributes };

        new TraceRedactor(new PatternRedactor()).Redact(trace, new RedactionCounts());

        Assert.Equal($"I am {Email}", message.Content);
        Assert.Equal(Email, call.Arguments);
        Assert.Same(message, history[1]);
        Assert.Equal(Email, tags[0]);
        Assert.Equal(Email, attributes["who"]);
        Assert.Equal("I am [EMAIL]", trace.Messages![1].Content);
        Assert.Equal("[EMAIL]", trace.Messages[2].ToolCalls![0].Arguments);
        Assert.Same(history[0], trace.Messages[0]); // unchanged messages are shared, not copied
        Assert.Equal("[EMAIL]", trace.Tags![0]);
        Assert.Equal("[EMAIL]", trace.Attributes!["who"]);
    }
}
