
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ucconv' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ucconv'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ucconv' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List conversations, newest first')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List conversations, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one conversation: participants and transcript')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Show one conversation: participants and transcript')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Join a conversation as the authenticated agent')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave a conversation')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a conversation')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Get the agent websocket authorization (JWT and websocket URL)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage profiles and credentials: init, show, use, path')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ucconv;list' {
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'How many conversations to show; above 200 it pages, 200 per request')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many conversations to show; above 200 it pages, 200 per request')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip this many of the newest conversations')
            [CompletionResult]::new('--medium', '--medium', [CompletionResultType]::ParameterName, 'Only conversations on this medium')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every conversation')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Whole UUIDs in the table, whatever the terminal''s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)')
            [CompletionResult]::new('--unread', '--unread', [CompletionResultType]::ParameterName, 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;ls' {
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'How many conversations to show; above 200 it pages, 200 per request')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many conversations to show; above 200 it pages, 200 per request')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip this many of the newest conversations')
            [CompletionResult]::new('--medium', '--medium', [CompletionResultType]::ParameterName, 'Only conversations on this medium')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every conversation')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Whole UUIDs in the table, whatever the terminal''s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)')
            [CompletionResult]::new('--unread', '--unread', [CompletionResultType]::ParameterName, 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;get' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Show only the newest N messages')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'Show only the newest N messages')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;view' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Show only the newest N messages')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'Show only the newest N messages')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;join' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Your language, as an ISO 639-1 code (e.g. en, es), for translated messages')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Your language, as an ISO 639-1 code (e.g. en, es), for translated messages')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;leave' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Leave without asking for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Leave without asking for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;start' {
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'ARN of a participant to add (repeat for several)')
            [CompletionResult]::new('--conversation-arn', '--conversation-arn', [CompletionResultType]::ParameterName, 'ARN to give the new conversation')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'UUID of the webchat queue to start it in')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;auth' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Print `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines for `eval`')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Show the whole JWT in the table (it is masked there; TSV, JSON and --env always give it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;config' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Save an API key (or OAuth token) as a profile, checking it first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List profiles (keys masked) and say where the active credentials come from')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ucconv;config;init' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--key-stdin', '--key-stdin', [CompletionResultType]::ParameterName, 'Read the key from standard input instead of prompting')
            [CompletionResult]::new('--oauth', '--oauth', [CompletionResultType]::ParameterName, 'The secret is an OAuth access token, not a simple API key')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Save without checking the key against the API')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this the default profile (the first profile saved always is)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;config;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;config;use' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;config;path' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Save an API key (or OAuth token) as a profile, checking it first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List profiles (keys masked) and say where the active credentials come from')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ucconv;config;help;init' {
            break
        }
        'ucconv;config;help;show' {
            break
        }
        'ucconv;config;help;use' {
            break
        }
        'ucconv;config;help;path' {
            break
        }
        'ucconv;config;help;help' {
            break
        }
        'ucconv;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file [env: UCCONV_PROFILE]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies --json)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ucconv;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List conversations, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one conversation: participants and transcript')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Join a conversation as the authenticated agent')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave a conversation')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a conversation')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Get the agent websocket authorization (JWT and websocket URL)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage profiles and credentials: init, show, use, path')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ucconv;help;list' {
            break
        }
        'ucconv;help;get' {
            break
        }
        'ucconv;help;join' {
            break
        }
        'ucconv;help;leave' {
            break
        }
        'ucconv;help;start' {
            break
        }
        'ucconv;help;auth' {
            break
        }
        'ucconv;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Save an API key (or OAuth token) as a profile, checking it first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List profiles (keys masked) and say where the active credentials come from')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            break
        }
        'ucconv;help;config;init' {
            break
        }
        'ucconv;help;config;show' {
            break
        }
        'ucconv;help;config;use' {
            break
        }
        'ucconv;help;config;path' {
            break
        }
        'ucconv;help;completions' {
            break
        }
        'ucconv;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
