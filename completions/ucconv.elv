
use builtin;
use str;

set edit:completion:arg-completer[ucconv] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ucconv'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ucconv'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List conversations, newest first'
            cand ls 'List conversations, newest first'
            cand get 'Show one conversation: participants and transcript'
            cand view 'Show one conversation: participants and transcript'
            cand join 'Join a conversation as the authenticated agent'
            cand leave 'Leave a conversation'
            cand start 'Start a conversation'
            cand auth 'Get the agent websocket authorization (JWT and websocket URL)'
            cand config 'Manage profiles and credentials: init, show, use, path'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ucconv;list'= {
            cand -L 'How many conversations to show; above 200 it pages, 200 per request'
            cand --limit 'How many conversations to show; above 200 it pages, 200 per request'
            cand --offset 'Skip this many of the newest conversations'
            cand --medium 'Only conversations on this medium'
            cand --before 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --all 'Page through every conversation'
            cand --wide 'Whole UUIDs in the table, whatever the terminal''s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)'
            cand --unread 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;ls'= {
            cand -L 'How many conversations to show; above 200 it pages, 200 per request'
            cand --limit 'How many conversations to show; above 200 it pages, 200 per request'
            cand --offset 'Skip this many of the newest conversations'
            cand --medium 'Only conversations on this medium'
            cand --before 'Only conversations whose last message is older than this (RFC 3339, or a date like 2026-11-01)'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --all 'Page through every conversation'
            cand --wide 'Whole UUIDs in the table, whatever the terminal''s width (below 140 columns it shows the shortest prefix that tells the conversations apart, which every command accepts)'
            cand --unread 'Only conversations with unread messages (filtered here: the API has no such parameter, so this may read several pages to find --limit of them)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;get'= {
            cand -m 'Show only the newest N messages'
            cand --messages 'Show only the newest N messages'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;view'= {
            cand -m 'Show only the newest N messages'
            cand --messages 'Show only the newest N messages'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;join'= {
            cand -l 'Your language, as an ISO 639-1 code (e.g. en, es), for translated messages'
            cand --language 'Your language, as an ISO 639-1 code (e.g. en, es), for translated messages'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;leave'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand -y 'Leave without asking for confirmation (required when not on a terminal)'
            cand --yes 'Leave without asking for confirmation (required when not on a terminal)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;start'= {
            cand --participant 'ARN of a participant to add (repeat for several)'
            cand --conversation-arn 'ARN to give the new conversation'
            cand --queue 'UUID of the webchat queue to start it in'
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;auth'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --env 'Print `export UCCONV_WS_URL=… UCCONV_WS_JWT=…` lines for `eval`'
            cand --show-token 'Show the whole JWT in the table (it is masked there; TSV, JSON and --env always give it)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;config'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand init 'Save an API key (or OAuth token) as a profile, checking it first'
            cand show 'List profiles (keys masked) and say where the active credentials come from'
            cand use 'Make a profile the default'
            cand path 'Print the config file''s path'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ucconv;config;init'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --key-stdin 'Read the key from standard input instead of prompting'
            cand --oauth 'The secret is an OAuth access token, not a simple API key'
            cand --no-verify 'Save without checking the key against the API'
            cand --default 'Make this the default profile (the first profile saved always is)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;config;show'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;config;use'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;config;path'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;config;help'= {
            cand init 'Save an API key (or OAuth token) as a profile, checking it first'
            cand show 'List profiles (keys masked) and say where the active credentials come from'
            cand use 'Make a profile the default'
            cand path 'Print the config file''s path'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ucconv;config;help;init'= {
        }
        &'ucconv;config;help;show'= {
        }
        &'ucconv;config;help;use'= {
        }
        &'ucconv;config;help;path'= {
        }
        &'ucconv;config;help;help'= {
        }
        &'ucconv;completions'= {
            cand -p 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --profile 'Profile from the config file [env: UCCONV_PROFILE]'
            cand --base-url 'API base URL [env: UCCONV_BASE_URL] [default: https://secure.ultracart.com/rest/v2]'
            cand -o 'Output format [default: table on a terminal, tsv otherwise]'
            cand --output 'Output format [default: table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies --json)'
            cand --color 'When to use colors: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces them)'
            cand --timeout 'Seconds to wait for each request'
            cand --retries 'Retries after 429, 502, 503, 504 or a failed connection (0 disables)'
            cand --json 'Same as --output json'
            cand -v 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --verbose 'Log HTTP exchanges to stderr, credentials redacted (-vv adds headers and bodies)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand --no-pager 'Print long output straight to the terminal, not through the pager ($UCCONV_PAGER, else $PAGER, else less -FRX; an empty UCCONV_PAGER also turns it off)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ucconv;help'= {
            cand list 'List conversations, newest first'
            cand get 'Show one conversation: participants and transcript'
            cand join 'Join a conversation as the authenticated agent'
            cand leave 'Leave a conversation'
            cand start 'Start a conversation'
            cand auth 'Get the agent websocket authorization (JWT and websocket URL)'
            cand config 'Manage profiles and credentials: init, show, use, path'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ucconv;help;list'= {
        }
        &'ucconv;help;get'= {
        }
        &'ucconv;help;join'= {
        }
        &'ucconv;help;leave'= {
        }
        &'ucconv;help;start'= {
        }
        &'ucconv;help;auth'= {
        }
        &'ucconv;help;config'= {
            cand init 'Save an API key (or OAuth token) as a profile, checking it first'
            cand show 'List profiles (keys masked) and say where the active credentials come from'
            cand use 'Make a profile the default'
            cand path 'Print the config file''s path'
        }
        &'ucconv;help;config;init'= {
        }
        &'ucconv;help;config;show'= {
        }
        &'ucconv;help;config;use'= {
        }
        &'ucconv;help;config;path'= {
        }
        &'ucconv;help;completions'= {
        }
        &'ucconv;help;help'= {
        }
    ]
    $completions[$command]
}
