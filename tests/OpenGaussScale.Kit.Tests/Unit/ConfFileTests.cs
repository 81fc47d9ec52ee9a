using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class ConfFileTests
{
    private static ConfFile Sample() => new(
    [
        "# - Connection Settings -",
        "#listen_addresses = 'localhost'\t\t# what IP address(es) to listen on;",
        "port = 5432\t\t\t\t# (change requires restart)",
        "#wal_keep_segments = 16",
        "application_name = 'a#b'  # comment",
    ]);

    [Fact]
    public void Set_replaces_the_active_line_and_keeps_its_comment()
    {
        var file = Sample();
        file.Set("port", "15400");
        Assert.Equal("port = 15400\t\t# (change requires restart)", file.Lines[2]);
    }

    [Fact]
    public void Set_activates_the_commented_default_in_place()
    {
        var file = Sample();
        file.Set("listen_addresses", "'localhost,10.0.0.3'");
        Assert.StartsWith("listen_addresses = 'localhost,10.0.0.3'", file.Lines[1], StringComparison.Ordinal);
        Assert.Equal(5, file.Lines.Count);
    }

    [Fact]
    public void Set_appends_an_unknown_name_at_the_end_so_grep_finds_it_at_line_start()
    {
        var file = Sample();
        file.Set("replconninfo1", "'localhost=10.0.0.1 remotehost=10.0.0.2 remoteport=15401'");
        Assert.Equal("replconninfo1 = 'localhost=10.0.0.1 remotehost=10.0.0.2 remoteport=15401'", file.Lines[^1]);
        Assert.Matches("^replconninfo.*", file.Lines[^1]);
    }

    [Fact]
    public void A_hash_inside_quotes_is_part_of_the_value()
    {
        Assert.Equal("'a#b'", Sample().Get("application_name"));
        Assert.Equal("a#b", Sample().Entries().Single(e => e.Name == "application_name").Value);
    }

    [Fact]
    public void Comment_resets_the_parameter_and_get_then_finds_nothing()
    {
        var file = Sample();
        Assert.True(file.Comment("port"));
        Assert.Null(file.Get("port"));
        Assert.False(file.Comment("port"));
    }

    [Fact]
    public void Names_are_case_insensitive_and_the_last_duplicate_wins()
    {
        var file = new ConfFile(["Port = 1", "port = 2"]);
        Assert.Equal("2", file.Get("PORT"));
        file.Set("port", "3");
        Assert.Equal(["port = 3", "#port = 2"], file.Lines);
    }

    [Fact]
    public void Remove_deletes_every_line_of_the_name()
    {
        var file = new ConfFile(["# Do not edit", "primary_conninfo = 'host=x'", "port = 1", "primary_conninfo = 'host=y'"]);
        Assert.True(file.Remove("primary_conninfo"));
        Assert.Equal(["# Do not edit", "port = 1"], file.Lines);
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("  15400 ", "15400")]
    [InlineData("''", "")]
    public void Values_are_unquoted_like_postgresql_conf(string raw, string value) => Assert.Equal(value, ConfValue.Unquote(raw));

    [Theory]
    [InlineData("15400", "15400")]
    [InlineData("'x y'", "'x y'")]
    [InlineData("localhost,10.0.0.1", "'localhost,10.0.0.1'")]
    [InlineData("on", "on")]
    public void User_values_are_quoted_only_when_needed(string raw, string written) => Assert.Equal(written, ConfValue.Normalize(raw));
}
