# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ucconv_global_optspecs
    string join \n p/profile= base-url= o/output= json jq= color= timeout= retries= v/verbose no-input no-pager h/help V/version
end

function __fish_ucconv_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ucconv_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ucconv_using_subcommand
    set -l cmd (__fish_ucconv_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ucconv -n "__fish_ucconv_needs_command" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_needs_command" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_needs_command" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_needs_command" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_needs_command" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_needs_command" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_needs_command" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_needs_command" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_needs_command" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_needs_command" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_needs_command" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_needs_command" -s V -l version -d 'Print version'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "list" -d 'List conversations, newest first'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "ls" -d 'List conversations, newest first'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "get" -d 'Show one conversation: participants and transcript'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "view" -d 'Show one conversation: participants and transcript'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "join" -d 'Join a conversation as the authenticated agent'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "leave" -d 'Leave a conversation'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "start" -d 'Start a conversation'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "auth" -d 'Get the agent websocket authorization (JWT and websocket URL)'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "config" -d 'Manage profiles and credentials: init, show, use, path'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c ucconv -n "__fish_ucconv_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -s L -l limit -d 'How many conversations to show; above 200 it pages, 200 per request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l offset -d 'Skip this many of the newest conversations' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l medium -d 'Only conversations on this medium' -r -f -a "sms\t''
websocket\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l before -d 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l all -d 'Page through every conversation'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l wide -d 'Whole UUIDs in the table, whatever the terminal\'s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l unread -d 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -s L -l limit -d 'How many conversations to show; above 200 it pages, 200 per request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l offset -d 'Skip this many of the newest conversations' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l medium -d 'Only conversations on this medium' -r -f -a "sms\t''
websocket\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l before -d 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l all -d 'Page through every conversation'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l wide -d 'Whole UUIDs in the table, whatever the terminal\'s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l unread -d 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -s m -l messages -d 'Show only the newest N messages' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -s m -l messages -d 'Show only the newest N messages' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand view" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -s l -l language -d 'Your language, as an ISO 639-1 code (e.g. en, es), for translated messages' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand join" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -s y -l yes -d 'Leave without asking for confirmation (required when not on a terminal)'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand leave" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l participant -d 'ARN of a participant to add (repeat for several)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l conversation-arn -d 'ARN to give the new conversation' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l queue -d 'UUID of the webchat queue to start it in' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l env -d 'Print `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines for `eval`'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l show-token -d 'Show the whole JWT in the table (it is masked there; TSV, JSON and --env always give it)'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand auth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -f -a "init" -d 'Save an API key (or OAuth token) as a profile, checking it first'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -f -a "show" -d 'List profiles (keys masked) and say where the active credentials come from'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -f -a "use" -d 'Make a profile the default'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -f -a "path" -d 'Print the config file\'s path'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and not __fish_seen_subcommand_from init show use path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l key-stdin -d 'Read the key from standard input instead of prompting'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l oauth -d 'The secret is an OAuth access token, not a simple API key'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l no-verify -d 'Save without checking the key against the API'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l default -d 'Make this the default profile (the first profile saved always is)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Save an API key (or OAuth token) as a profile, checking it first'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'List profiles (keys masked) and say where the active credentials come from'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c ucconv -n "__fish_ucconv_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -s p -l profile -d 'Profile from the config file [env: UCCONV_PROFILE]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l base-url -d 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -s o -l output -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t'Aligned columns for people (the default on a terminal)'
tsv\t'Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)'
json\t'The API\'s JSON objects (an array for lists)'
jsonl\t'One JSON object per line'"
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies --json)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l color -d 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l timeout -d 'Seconds to wait for each request' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l retries -d 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)' -r
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l json -d 'Same as --output json'
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -s v -l verbose -d 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -l no-pager -d 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
complete -c ucconv -n "__fish_ucconv_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "list" -d 'List conversations, newest first'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "get" -d 'Show one conversation: participants and transcript'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "join" -d 'Join a conversation as the authenticated agent'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "leave" -d 'Leave a conversation'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "start" -d 'Start a conversation'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "auth" -d 'Get the agent websocket authorization (JWT and websocket URL)'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "config" -d 'Manage profiles and credentials: init, show, use, path'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and not __fish_seen_subcommand_from list get join leave start auth config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Save an API key (or OAuth token) as a profile, checking it first'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'List profiles (keys masked) and say where the active credentials come from'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use" -d 'Make a profile the default'
complete -c ucconv -n "__fish_ucconv_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
