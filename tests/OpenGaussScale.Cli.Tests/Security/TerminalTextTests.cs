using OpenGaussScale.Cli.Rendering;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>The sanitiser of everything ogscale prints (issue 14 item 12): control sequences become visible text.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]52;c;cm0gLXJmIH4K\u0007", "\\x1b]52;c;cm0gLXJmIH4K\\x07")] // OSC 52: writes the clipboard
    [InlineData("\u001b[2J\u001b[Hall good", "\\x1b[2J\\x1b[Hall good")] // CSI: clears the screen above
    [InlineData("\u009b31mred\u009b0m", "\\u009b31mred\\u009b0m")] // C1 CSI (U+009B), 8-bit form
    [InlineData("\u001b]0;root@primary: done\u0007", "\\x1b]0;root@primary: done\\x07")] // a window title, BEL-terminated
    [InlineData("\u001bP+q\u001b\\", "\\x1bP+q\\x1b\\")] // DCS with its ST
    [InlineData("ok\rFAILED", "ok\\x0dFAILED")] // a CR that would overwrite what came before
    [InlineData("del\u007f nul\0", "del\\u007f nul\\x00")]
    public void Control_sequences_are_made_visible(string text, string shown)
    {
        Assert.Equal(shown, TerminalText.Sanitize(text));
    }

    [Theory]
    [InlineData("主节点 ognode1：Normal — état ✓ ünïcödé 🐘")]
    [InlineData("HOST\tSTATE\nognode1\tNormal\n")]
    public void Text_newlines_and_tabs_stay_as_they_are(string text)
    {
        Assert.Equal(text, TerminalText.Sanitize(text));
    }

    [Fact]
    public void A_crlf_line_end_is_a_plain_line_end()
    {
        Assert.Equal("line one\nline two\n", TerminalText.Sanitize("line one\r\nline two\r\n"));
    }

    [Fact]
    public void A_json_result_on_stdout_stays_valid_json_that_decodes_back()
    {
        const string fromNode = "ognode2\u001b]0;x\u0007 \u009b2J \u007f";

        var shown = TerminalText.Sanitize(JsonText.Serialize(new { applicationName = fromNode }));

        using var document = System.Text.Json.JsonDocument.Parse(shown);
        Assert.Equal(fromNode, document.RootElement.GetProperty("applicationName").GetString());
    }

    [Fact]
    public void In_json_every_control_character_is_a_json_escape()
    {
        Assert.Equal("{\"m\":\"\\u001b[2J \\u009b0m \\u007f\"}\n", TerminalText.SanitizeJson("{\"m\":\"\u001b[2J \u009b0m \u007f\"}\n"));
    }
}
