# shellcheck shell=sh
# fzsvg: no picture without records, and a picture that does not mislead.

FZSVG=$BUILD/tools/fzsvg/fzsvg

# stats_record NAME BELOW ABOVE: a record of 8 bins from -400 to 400 ns;
# the edge bins hold the offsets outside the range
stats_record() {
	printf '{"test":"%s","iterations":1500,"sampling":1000,"stop":"time","seed":7,"cpus":[0,1],"placement":"cores of one node","spin_ns":0.3,"clock_ns":20,"len_a_ns":555931,"len_b_ns":600123,"start_offset_ns":-12,"range_ns":[-400,400],"bin_ns":100,"overlaps":30,"a_first":10,"b_first":5,"outcomes":{"a_early":40,"b_early":30,"hit":20},"below":%d,"above":%d,"bins":[[%d,5,0,0],[10,5,0,1],[10,4,1,1],[10,3,2,2],[10,2,3,3],[10,1,4,2],[10,0,5,1],[%d,0,5,0]]}\n' \
		"$1" "$2" "$3" $(($2 + 10)) $(($3 + 10))
}

begin "fzsvg: an empty stats file or an unknown -t is an error, not a blank picture"
if [ -x "$FZSVG" ]; then
	: >empty.jsonl
	"$FZSVG" -o empty.svg empty.jsonl >svg1.out 2>svg1.err
	expect "empty: exit status" "$?:$(cat svg1.err)" "1:fzsvg: empty.jsonl: no records"
	[ -e empty.svg ] && fail_with "empty.svg written"
	stats_record race01 0 0 >one.jsonl
	"$FZSVG" -t nosuchtest -o none.svg one.jsonl >svg2.out 2>svg2.err
	expect "-t: exit status" "$?:$(cat svg2.err)" "1:fzsvg: one.jsonl: no records of test 'nosuchtest' (tests there: race01)"
	[ -e none.svg ] && fail_with "none.svg written"
	end
else
	echo "skipped $case_name: no $FZSVG"
fi

begin "fzsvg: out-of-range offsets apart and labelled, no end-of-run section averages, the test's outcome names"
if [ -x "$FZSVG" ]; then
	stats_record race01 90 40 >edge.jsonl
	"$FZSVG" -n "recvmmsg first,overlapped,close first" -o edge.svg edge.jsonl
	expect "exit status" "$?" 0
	svg=$(cat edge.svg)
	python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' edge.svg ||
		fail_with "edge.svg does not parse"
	expect_match "below the range, labelled" "$svg" ">90 below -400 ns<"
	expect_match "above the range, labelled" "$svg" ">40 above 400 ns<"
	# the bars' scale comes from the offsets in range: 10 per bin
	expect_match "y axis from the counts in range" "$svg" '<text x="8" y="[0-9]+" font-size="10">10</text>'
	expect_no_match "no end-of-run averages" "$svg" "555931|600123"
	expect_match "legend: the test's names" "$svg" ">recvmmsg first<.*|>recvmmsg first</text>"
	expect_match "legend: overlapped" "$svg" ">overlapped</text>"
	expect_no_match "legend: not the generic names" "$svg" "A's part first"
	end
else
	echo "skipped $case_name: no $FZSVG"
fi
