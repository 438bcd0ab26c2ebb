# bash completion for qmp (installed as share/bash-completion/completions/qmp)

_qmp()
{
    local cur prev words cword
    _init_completion || return

    local commands="run history log ps ipc manager service submit status follow kill wait pause resume parallel restart remove clean"
    if [[ $cword -eq 1 ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands --version --help" -- "$cur")
        return
    fi

    local command=${words[1]} options="" actions=""
    # The commands whose first argument is an action.
    case $command in
    ipc) actions="ls gc" ;;
    manager) actions="serve" ;;
    service) actions="run start stop" ;;
    esac
    if [[ -n $actions && $cword -eq 2 ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$actions" -- "$cur")
        return
    fi

    case $command in
    submit)
        case $prev in
        --group | --after | --label) return ;;
        --workdir)
            _filedir -d
            return
            ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "--group --after --label --workdir --" -- "$cur")
        return
        ;;
    status)
        mapfile -t COMPREPLY < <(compgen -W "--json" -- "$cur")
        return
        ;;
    kill | wait | pause | resume | parallel)
        mapfile -t COMPREPLY < <(compgen -W "--group" -- "$cur")
        return
        ;;
    run)
        case $prev in
        -j | --jobs | --timeout | --retries | --halt) return ;;
        --joblog | --history)
            _filedir
            return
            ;;
        esac
        # After ::: come inputs (often file names), after :::: files of inputs.
        local i
        for ((i = cword - 1; i > 1; i--)); do
            if [[ ${words[i]} == ":::" || ${words[i]} == "::::" ]]; then
                _filedir
                return
            fi
        done
        options="-j --jobs -k --keep-order --timeout --retries --joblog --resume --resume-failed
                 --halt --bar --json --dry-run --history --no-history --slurm --partition --time
                 --slurm-arg --slurm-step-arg --slurm-address --slurm-port -h --help ::: ::::"
        ;;
    history)
        case $prev in
        --history)
            _filedir
            return
            ;;
        --limit | --batch | --joblog) return ;;
        esac
        options="--history --json --limit --batch --failed --joblog -h --help"
        ;;
    log)
        if [[ $prev == --history ]]; then
            _filedir
            return
        fi
        options="--json --history -h --help"
        ;;
    ps)
        case $prev in
        -n | --interval) return ;;
        esac
        options="--json --watch -n --interval -h --help"
        ;;
    ipc)
        if [[ $prev == --dir ]]; then
            _filedir -d
            return
        fi
        options="--dir --json --dry-run -h --help"
        ;;
    manager)
        case $prev in
        --authkey-file)
            _filedir
            return
            ;;
        --address | --max-connections) return ;;
        esac
        options="--address --authkey-file --max-connections -h --help"
        ;;
    *) return ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
} &&
    complete -F _qmp qmp
