using Npgsql;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// The PostgreSQL that <c>scripts/test.sh</c> starts (a throwaway server on 127.0.0.1): each test gets a schema of
/// its own in it. Run through the script, PostgreSQL tests always run, and fail loudly if the server could not be
/// started; run through a bare <c>dotnet test</c> without the server, they are reported skipped, with the reason.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>Connection string of the server's <c>postgres</c> database, as a superuser (set by scripts/test.sh).</summary>
    public const string ServerVariable = "PRREVIEWBOT_TEST_POSTGRES";

    /// <summary>Set to 1 by scripts/test.sh: PostgreSQL tests must run, never be skipped.</summary>
    public const string RequiredVariable = "PRREVIEWBOT_TEST_POSTGRES_REQUIRED";

    /// <summary>Why scripts/test.sh could not start the server, when it could not.</summary>
    public const string ProblemVariable = "PRREVIEWBOT_TEST_POSTGRES_PROBLEM";

    private readonly string _server;

    private TestPostgres(string server, string schema)
    {
        _server = server;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server)
        {
            SearchPath = schema,
            MaxPoolSize = 20,
            ApplicationName = "prreviewbot-test",
        }.ConnectionString;
    }

    public string Schema { get; }

    /// <summary>For <c>Storage:ConnectionString</c>: the schema is the connection's search path.</summary>
    public string ConnectionString { get; }

    /// <summary>A fresh, empty schema; skips (or, under scripts/test.sh, fails) when there is no server.</summary>
    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable(RequiredVariable) == "1")
            {
                var problem = Environment.GetEnvironmentVariable(ProblemVariable);
                Assert.Fail("scripts/test.sh runs the PostgreSQL tests but could not start PostgreSQL"
                    + (string.IsNullOrWhiteSpace(problem) ? "" : $": {problem}")
                    + ". Install Debian's postgresql (`apt-get install -y postgresql`; .ci/run does) and run the script again.");
            }
            Skip.If(true, $"PostgreSQL tests need a server: run `bash scripts/test.sh` (it starts a throwaway PostgreSQL) or set {ServerVariable}.");
        }
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestPostgres(server!, schema);
    }

    /// <summary>The single number a query such as <c>SELECT COUNT(*) …</c> answers, in this test's schema.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A schema left behind in a throwaway server harms nothing; the script deletes the server.
        }
    }
}
