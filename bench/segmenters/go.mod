module github.com/verbatim/verbatim/bench/segmenters

go 1.26.8

require (
	github.com/jdkato/prose/v2 v2.0.0
	github.com/neurosnap/sentences v1.1.2
	github.com/rivo/uniseg v0.4.7
	github.com/verbatim/verbatim v0.0.0
)

require (
	github.com/deckarep/golang-set v1.7.1 // indirect
	github.com/mingrammer/commonregex v1.0.1 // indirect
	gonum.org/v1/gonum v0.7.0 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)

replace github.com/verbatim/verbatim => ../../
