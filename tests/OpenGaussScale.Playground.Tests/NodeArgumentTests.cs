using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Tests;

public sealed class NodeArgumentTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("4", 4)]
    [InlineData("ognode2", 2)]
    [InlineData(" 3 ", 3)]
    public void A_number_or_a_host_name_names_a_host(string text, int expected)
    {
        Assert.Equal(expected, NodeArgument.Parse(text, 4));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("ognode5")]
    [InlineData("node2")]
    [InlineData("ognode")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("２")]
    [InlineData("")]
    public void Anything_else_is_a_usage_error_naming_the_accepted_forms(string text)
    {
        var error = Assert.Throws<OgscaleException>(() => NodeArgument.Parse(text, 4));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("1..4", error.Hint, StringComparison.Ordinal);
        Assert.Contains("ognode1..ognode4", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_mixes_numbers_and_names_and_drops_duplicates()
    {
        Assert.Equal([2, 3], NodeArgument.ParseList("3,ognode2, 2,", 4, "--no-trust"));
    }

    [Fact]
    public void An_empty_list_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, Assert.Throws<OgscaleException>(() => NodeArgument.ParseList(" , ", 4, "--no-trust")).ExitCode);
    }
}
