using Npgsql;
using PrReviewBot.Storage;

namespace PrReviewBot.Tests.Storage;

/// <summary>
/// The PostgreSQL connection settings measured under load (docs/PERFORMANCE.md): applied when the connection string is
/// silent, never over what it says, and all off with Storage:PostgresConnectionDefaults=false.
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    private const string Plain = "Host=db;Database=prreviewbot;Username=bot";

    [Fact]
    public void SilentConnectionString_GetsSmallPoolAutoPrepareAndNoReset()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresDialect.BuildConnectionString(Plain));
        Assert.Equal(PostgresDialect.DefaultMaxPoolSize, built.MaxPoolSize);
        Assert.Equal(PostgresDialect.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("prreviewbot", built.ApplicationName);
    }

    [Theory]
    [InlineData("Maximum Pool Size=100")]
    [InlineData("maxpoolsize=100")]
    public void PoolSizeNamedInTheConnectionString_IsKept(string setting)
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresDialect.BuildConnectionString($"{Plain};{setting}"));
        Assert.Equal(100, built.MaxPoolSize);
        Assert.Equal(PostgresDialect.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
    }

    [Fact]
    public void AutoPrepareAndResetNamedInTheConnectionString_AreKept()
    {
        var built = new NpgsqlConnectionStringBuilder(
            PostgresDialect.BuildConnectionString($"{Plain};Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
        Assert.Equal(PostgresDialect.DefaultMaxPoolSize, built.MaxPoolSize);
    }

    [Fact]
    public void MinimumPoolAboveTheDefaultMaximum_RaisesTheMaximum()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresDialect.BuildConnectionString($"{Plain};Minimum Pool Size=25"));
        Assert.Equal(25, built.MaxPoolSize);
    }

    [Fact]
    public void DefaultsSwitchedOff_LeaveNpgsqlsOwn()
    {
        var npgsql = new NpgsqlConnectionStringBuilder();
        var built = new NpgsqlConnectionStringBuilder(PostgresDialect.BuildConnectionString(Plain, connectionDefaults: false));
        Assert.Equal(npgsql.MaxPoolSize, built.MaxPoolSize);
        Assert.Equal(npgsql.MaxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(npgsql.NoResetOnClose, built.NoResetOnClose);
    }
}
