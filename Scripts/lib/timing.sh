# Sourced by the benchmarks that time runs with `date +%s.%N`.
#
# seconds START END: the time between two `date +%s.%N` readings, to the hundredth of a second.
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
